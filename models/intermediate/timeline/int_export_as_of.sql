{#- One row: `as_of`, when the data was exported (var as_of, else the latest accepted event_at).
    Windowed outcomes still open at this time are pending. -#}
{%- set as_of_expression = parse_timestamp("'" ~ var('as_of') ~ "'") if var('as_of') else 'max(event_at)' -%}
with

events as (

    select * from {{ ref('stg_helpdesk__ticket_events') }}

),

final as (

    select {{ as_of_expression }} as as_of
    from events

)

select * from final
