with

checked as (

    select * from {{ ref('base_helpdesk__agent_work_sessions') }}

),

final as (

    select
        session_id,
        ticket_id,
        agent_id,
        started_at,
        ended_at
    from checked
    where reject_reason is null

)

select * from final
