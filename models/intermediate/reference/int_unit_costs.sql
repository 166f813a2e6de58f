{#- One row in total: the price of each cost item of seed unit_costs, as a column. Every mart that
    prices something reads it here, so a cost item is looked up in one place. -#}
with

unit_costs as (

    select * from {{ ref('unit_costs') }}

),

final as (

    select
        max(case when cost_item = 'ai_resolution' then amount end) as ai_resolution_cost,
        max(case when cost_item = 'agent_interaction' then amount end) as agent_interaction_cost,
        max(case when cost_item = 'agent_assisted_contact' then amount end) as agent_assisted_contact_cost,
        max(case when cost_item = 'self_service_contact' then amount end) as self_service_contact_cost,
        max(case when cost_item = 'missed_escalation' then amount end) as missed_escalation_cost,
        max(case when cost_item = 'agent_interaction' then currency end) as currency
    from unit_costs

)

select * from final
