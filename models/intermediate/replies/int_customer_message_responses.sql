{#- One row per customer message: the next AI or agent reply after it in timeline order, and the
    seconds until then (NULL while no reply followed). Incremental: the tickets int_ticket_activity
    marks for this build. -#}
{{ ticket_incremental_config() }}

with

events as (

    select * from {{ ref('int_ticket_events_ordered') }}
    {{ only_tickets_to_refresh() }}

),

with_next_reply as (

    select
        event_id,
        ticket_id,
        event_type,
        event_at,
        min(case when event_type in ('ai_message', 'agent_message') then event_at end) over (
            partition by ticket_id
            order by event_sequence
            rows between 1 following and unbounded following
        ) as next_reply_at
    from events

),

final as (

    select
        event_id,
        ticket_id,
        event_at as customer_message_at,
        next_reply_at,
        {{ seconds_between('event_at', 'next_reply_at') }} as response_seconds
    from with_next_reply
    where event_type = 'customer_message'

)

select * from final
