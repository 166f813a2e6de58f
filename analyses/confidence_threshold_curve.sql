-- The confidence-threshold curve per category: for each threshold t (the AI escalates when
-- ai_confidence < t), the weighted precision and recall of the escalations with their 95% bounds
-- and the expected cost, with the recommended threshold marked. Compile with
-- `dbt compile -s confidence_threshold_curve` and run the SQL in target/compiled/, or plot
-- precision against recall (the curve) and expected cost against the threshold.
with

tuning as (

    select * from {{ ref('confidence_threshold_tuning') }}

),

recommendation as (

    select * from {{ ref('confidence_threshold_recommendation') }}

),

final as (

    select
        tuning.category,
        tuning.confidence_threshold,
        tuning.reviewed_tickets,
        tuning.escalation_precision,
        tuning.escalation_precision_ci_low,
        tuning.escalation_precision_ci_high,
        tuning.escalation_recall,
        tuning.escalation_recall_ci_low,
        tuning.escalation_recall_ci_high,
        tuning.false_escalations,
        tuning.missed_escalations,
        tuning.expected_cost,
        coalesce(tuning.confidence_threshold = recommendation.recommended_confidence_threshold, false)
            as is_recommended
    from tuning
    left join recommendation
        on tuning.category = recommendation.category

)

select * from final
order by category, confidence_threshold
