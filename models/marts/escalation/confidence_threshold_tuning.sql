{#- One row per category x confidence threshold t in 0.00..1.00 (step var
    confidence_threshold_step, 0.05): what the reviewed AI-handled tickets with an ai_confidence
    would have looked like had the AI escalated exactly when confidence < t. Weighted precision and
    recall (Wilson bounds on the Kish effective n) and the expected cost = false escalations x
    agent_interaction + missed escalations x missed_escalation (seed unit_costs), over every
    review in the warehouse. -#}
{%- set step = var('confidence_threshold_step') | float -%}
{%- set steps = (1.0 / step) | round | int -%}
with

tickets as (

    select * from {{ ref('fct_tickets') }}

),

prices as (

    select * from {{ ref('int_unit_costs') }}

),

thresholds as (

    -- rounded so that t = 0.15 equals an ai_confidence of 0.15 exactly (0.05 * 3 does not)
    select {{ round_double('cast(step_index as ' ~ type_double() ~ ') * ' ~ step, 6) }} as confidence_threshold
    from ({{ integer_series(steps) }}) as series

),

reviewed as (

    select
        category,
        ai_confidence,
        review_needed_human as needed_human,
        review_sample_weight as sample_weight
    from tickets
    where
        is_escalation_reviewed
        and ai_confidence is not null

),

simulated as (

    select
        reviewed.category,
        thresholds.confidence_threshold,
        reviewed.needed_human,
        reviewed.sample_weight,
        reviewed.ai_confidence < thresholds.confidence_threshold as would_escalate
    from reviewed
    cross join thresholds

),

parts as (

    select
        category,
        confidence_threshold,
        count(*) as reviewed_tickets,
        {{ weighted_sum_where('sample_weight', 'would_escalate and not needed_human') }} as false_escalations,
        {{ weighted_sum_where('sample_weight', 'not would_escalate and needed_human') }} as missed_escalations,
        {{ weighted_sum_where('sample_weight', 'would_escalate and needed_human') }} as escalation_precision_numerator,
        {{ weighted_sum_where('sample_weight', 'would_escalate') }} as escalation_precision_denominator,
        {{ weighted_sum_where('sample_weight * sample_weight', 'would_escalate') }} as escalation_precision_weight_sq_sum,
        {{ weighted_sum_where('sample_weight', 'would_escalate and needed_human') }} as escalation_recall_numerator,
        {{ weighted_sum_where('sample_weight', 'needed_human') }} as escalation_recall_denominator,
        {{ weighted_sum_where('sample_weight * sample_weight', 'needed_human') }} as escalation_recall_weight_sq_sum
    from simulated
    group by category, confidence_threshold

),

final as (

    select
        parts.category,
        parts.confidence_threshold,
        cast(parts.reviewed_tickets as {{ dbt.type_bigint() }}) as reviewed_tickets,
        parts.false_escalations,
        parts.missed_escalations,
        {{ weighted_rate_columns('escalation_precision') }},
        {{ weighted_rate_columns('escalation_recall') }},
        prices.agent_interaction_cost,
        prices.missed_escalation_cost,
        {{ round_double(
            'parts.false_escalations * prices.agent_interaction_cost'
            ~ ' + parts.missed_escalations * prices.missed_escalation_cost',
            2
        ) }} as expected_cost
    from parts
    cross join prices

)

select *, {{ build_id() }} as build_id from final
