with

checked as (

    select * from {{ ref('base_helpdesk__agent_shifts') }}

),

final as (

    select
        agent_id,
        shift_start,
        shift_end
    from checked
    where reject_reason is null

)

select * from final
