with

checked as (

    select * from {{ ref('base_helpdesk__agents') }}

),

final as (

    select
        agent_id,
        team,
        tier,
        hired_at,
        left_at
    from checked
    where reject_reason is null

)

select * from final
