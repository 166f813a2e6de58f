{#- One row per month with inbound tickets: the estimated false escalations of the AI (its
    escalations x the month's weighted false_escalation_rate) priced at unit_costs
    agent_interaction, and what reaching the kpi_targets false_escalation_rate target would save. -#}
with

kpi_daily as (

    select * from {{ ref('kpi_daily') }}

),

prices as (

    select * from {{ ref('int_unit_costs') }}

),

kpi_targets as (

    select * from {{ ref('kpi_targets') }}

),

target as (

    select max(target) as false_escalation_rate_target
    from kpi_targets
    where target_id = 'false_escalation_rate'

),

monthly as (

    select
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,
        cast(sum(ai_escalation_rate_denominator) as {{ dbt.type_bigint() }}) as ai_handled_conversations,
        cast(sum(ai_escalation_rate_numerator) as {{ dbt.type_bigint() }}) as ai_escalations,
        {{ kpi_part_sums(names=['false_escalation_rate']) }}
    from kpi_daily
    group by cast({{ dbt.date_trunc('month', 'date_day') }} as date)

),

rates as (

    select
        month_start,
        ai_handled_conversations,
        ai_escalations,
        {{ safe_divide('ai_escalations', 'ai_handled_conversations') }} as ai_escalation_rate,
        {{ weighted_rate_columns('false_escalation_rate') }}
    from monthly

),

estimated as (

    select
        rates.*,
        rates.ai_escalations * rates.false_escalation_rate as estimated_false_escalations,
        rates.ai_escalations * rates.false_escalation_rate_ci_low as estimated_false_escalations_ci_low,
        rates.ai_escalations * rates.false_escalation_rate_ci_high as estimated_false_escalations_ci_high,
        prices.agent_interaction_cost,
        prices.currency,
        target.false_escalation_rate_target,
        -- the saving of reaching the target: nothing when the rate is already at or below it
        case
            when rates.false_escalation_rate > target.false_escalation_rate_target
                then rates.ai_escalations * (rates.false_escalation_rate - target.false_escalation_rate_target)
            when rates.false_escalation_rate is not null then 0
        end as avoidable_false_escalations
    from rates
    cross join prices
    cross join target

),

final as (

    select
        month_start,
        ai_handled_conversations,
        ai_escalations,
        ai_escalation_rate,
        false_escalation_rate_numerator,
        false_escalation_rate_denominator,
        false_escalation_rate_weight_sq_sum,
        false_escalation_rate,
        false_escalation_rate_ci_low,
        false_escalation_rate_ci_high,
        estimated_false_escalations,
        agent_interaction_cost,
        currency,
        -- money is rounded to the cent once, here
        {{ round_double('estimated_false_escalations * agent_interaction_cost', 2) }} as false_escalation_cost,
        {{ round_double('estimated_false_escalations_ci_low * agent_interaction_cost', 2) }} as false_escalation_cost_ci_low,
        {{ round_double('estimated_false_escalations_ci_high * agent_interaction_cost', 2) }} as false_escalation_cost_ci_high,
        false_escalation_rate_target,
        {{ round_double('avoidable_false_escalations * agent_interaction_cost', 2) }} as false_escalation_saving_at_target,
        {{ round_double('avoidable_false_escalations * agent_interaction_cost * 12', 2) }}
            as false_escalation_saving_at_target_annualised
    from estimated

)

select *, {{ build_id() }} as build_id from final
