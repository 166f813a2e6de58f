with

checked as (

    select * from {{ ref('base_helpdesk__ticket_events') }}

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
    from checked
    where reject_reason is null

)

select * from final
