{#- At most one row: when the connector last synced (the latest `_fivetran_synced` of the rows
    that feed the contract), but never before the latest accepted event: a sync time older than
    the data it carries is a clock problem, not the export time. -#}
with

source_rows as (

    select * from {{ ref('adapter_source_rows') }}

),

events as (

    select * from {{ ref('stg_helpdesk__ticket_events') }}

),

synced as (

    select max({{ parse_timestamp('synced_at') }}) as latest_synced_at
    from source_rows

),

latest_event as (

    select max(event_at) as latest_event_at from events

),

final as (

    select
        case
            when latest_event.latest_event_at > synced.latest_synced_at then latest_event.latest_event_at
            else synced.latest_synced_at
        end as exported_at
    from synced
    cross join latest_event
    where synced.latest_synced_at is not null

)

select * from final
