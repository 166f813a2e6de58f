{#- One row: `as_of`, when the data was exported (var as_of, else the latest accepted event_at).
    Windowed outcomes still open at this time are pending. -#}
with

events as (

    select * from {{ ref('stg_helpdesk__ticket_events') }}

),

final as (

    select
        {%- if var('as_of') %}
        {{ parse_timestamp("'" ~ var('as_of') ~ "'") }} as as_of
        {%- else %}
        max(event_at) as as_of
        {%- endif %}
    from events

)

select * from final
