{#- The contract's `agents` entity from Zendesk (agents and admins), as text. -#}
with

agent_rows as (

    select * from {{ ref('zendesk__agent_rows') }}

),

final as (

    select
        agent_id,
        team,
        tier,
        hired_at,
        left_at
    from agent_rows
    where drop_reason is null

)

select * from final
