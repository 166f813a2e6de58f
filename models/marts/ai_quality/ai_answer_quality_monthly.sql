{#- One row per month (reporting_timezone) from the first ticket to as_of: AI answer accuracy from
    sampled AI responses (reviews follow their ticket's creation month), and knowledge coverage
    of the month's top intents by ticket volume. -#}
with

months as (

    select * from {{ ref('util_reporting_months') }}

),

accuracy as (

    select * from {{ ref('int_ai_accuracy_monthly') }}

),

coverage as (

    select * from {{ ref('int_knowledge_coverage_monthly') }}

),

exports as (

    select * from {{ ref('int_export_presence') }}

),

parts as (

    select
        months.month_start,
        case
            when exports.has_ai_response_reviews then coalesce(accuracy.ai_accuracy_rate_numerator, 0)
        end as ai_accuracy_rate_numerator,
        case
            when exports.has_ai_response_reviews then coalesce(accuracy.ai_accuracy_rate_denominator, 0)
        end as ai_accuracy_rate_denominator,
        case
            when exports.has_intent_coverage then coalesce(coverage.knowledge_coverage_numerator, 0)
        end as knowledge_coverage_numerator,
        case
            when exports.has_intent_coverage then coalesce(coverage.knowledge_coverage_denominator, 0)
        end as knowledge_coverage_denominator
    from months
    left join accuracy
        on months.month_start = accuracy.month_start
    left join coverage
        on months.month_start = coverage.month_start
    cross join exports

),

final as (

    select
        month_start,
        {{ rate_columns('ai_accuracy_rate') }},
        {{ rate_columns('knowledge_coverage') }}
    from parts

)

select *, {{ build_id() }} as build_id from final
