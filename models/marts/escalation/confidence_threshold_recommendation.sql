{#- One row per category with reviewed AI-handled tickets that carry an ai_confidence: the
    confidence threshold with the lowest expected cost in confidence_threshold_tuning, beside what
    the AI's actual escalation decisions cost on the same reviewed tickets. Tie rule: among
    thresholds whose expected cost is equal to the cent, the lowest threshold wins (it escalates
    the fewest tickets for the same estimated cost). -#}
with

tuning as (

    select * from {{ ref('confidence_threshold_tuning') }}

),

tickets as (

    select * from {{ ref('fct_tickets') }}

),

prices as (

    select * from {{ ref('int_unit_costs') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by category
            order by expected_cost asc, confidence_threshold asc
        ) as cost_rank,
        count(*) over (partition by category, expected_cost) as thresholds_at_this_cost
    from tuning

),

actual as (

    -- the same reviewed tickets as the tuning, judged on the path the AI actually took
    select
        tickets.category,
        {{ weighted_sum_where(
            'tickets.review_sample_weight',
            "tickets.resolution_path = 'escalated' and not tickets.review_needed_human"
        ) }} as actual_false_escalations,
        {{ weighted_sum_where(
            'tickets.review_sample_weight',
            "tickets.resolution_path <> 'escalated' and tickets.review_needed_human"
        ) }} as actual_missed_escalations
    from tickets
    where
        tickets.is_escalation_reviewed
        and tickets.ai_confidence is not null
    group by tickets.category

),

final as (

    select
        ranked.category,
        ranked.reviewed_tickets,
        ranked.confidence_threshold as recommended_confidence_threshold,
        ranked.thresholds_at_this_cost as tied_thresholds,
        ranked.escalation_precision,
        ranked.escalation_precision_ci_low,
        ranked.escalation_precision_ci_high,
        ranked.escalation_recall,
        ranked.escalation_recall_ci_low,
        ranked.escalation_recall_ci_high,
        ranked.false_escalations,
        ranked.missed_escalations,
        ranked.expected_cost,
        actual.actual_false_escalations,
        actual.actual_missed_escalations,
        {{ round_double(
            'actual.actual_false_escalations * prices.agent_interaction_cost'
            ~ ' + actual.actual_missed_escalations * prices.missed_escalation_cost',
            2
        ) }} as actual_expected_cost,
        {{ round_double(
            'actual.actual_false_escalations * prices.agent_interaction_cost'
            ~ ' + actual.actual_missed_escalations * prices.missed_escalation_cost',
            2
        ) }} - ranked.expected_cost as expected_saving
    from ranked
    left join actual
        on ranked.category = actual.category
    cross join prices
    where ranked.cost_rank = 1

)

select *, {{ build_id() }} as build_id from final
