{#- One row: `as_of`, when the data was exported (var as_of, an ISO-8601 timestamp; else the
    export time the source declares, stg_helpdesk__export_metadata; else the latest accepted
    event_at; with no accepted event at all, the latest ticket creation).
    Windowed outcomes still open at this time are pending. Also the latest accepted event_at
    itself (the calendar spine reaches it when it is after as_of). -#}
{%- set configured_as_of = parse_timestamp("'" ~ var('as_of') ~ "'") if var('as_of') else 'cast(null as timestamp)' -%}
{{- require_accepted_tickets(ref('base_helpdesk__tickets')) }}
with

events as (

    select * from {{ ref('stg_helpdesk__ticket_events') }}

),

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

declared_export as (

    select max(exported_at) as declared_exported_at from {{ ref('stg_helpdesk__export_metadata') }}

),

latest_event as (

    select max(event_at) as latest_event_at from events

),

latest_ticket as (

    select max(created_at) as latest_created_at from tickets

),

final as (

    select
        coalesce(
            {{ configured_as_of }},
            declared_export.declared_exported_at,
            latest_event.latest_event_at,
            latest_ticket.latest_created_at
        ) as as_of,
        latest_event.latest_event_at
    from latest_event
    cross join latest_ticket
    cross join declared_export

)

select * from final
