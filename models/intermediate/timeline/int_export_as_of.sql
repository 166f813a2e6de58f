{#- One row: `as_of`, when the data was exported (var as_of, an ISO-8601 timestamp; else the
    latest accepted event_at). Windowed outcomes still open at this time are pending. -#}
{%- set configured_as_of = parse_timestamp("'" ~ var('as_of') ~ "'") if var('as_of') else 'cast(null as timestamp)' -%}
with

events as (

    select * from {{ ref('stg_helpdesk__ticket_events') }}

),

final as (

    -- an aggregate, so exactly one row whether or not the var is set
    select coalesce({{ configured_as_of }}, max(event_at)) as as_of
    from events

)

select * from final
