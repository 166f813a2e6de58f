{#- The contract's `ticket_events` entity from Intercom, as text (staging parses and checks it). -#}
with

event_rows as (

    select * from {{ ref('intercom__ticket_event_rows') }}

),

final as (

    select
        event_id,
        ticket_id,
        event_at,
        event_type,
        actor_id,
        to_tier,
        ai_assisted
    from event_rows
    where drop_reason is null

)

select * from final
