{#- One row per month (reporting_timezone) from the first ticket to as_of: AI answer accuracy from
    sampled AI responses (reviews follow their ticket's creation month), and knowledge coverage
    of the month's top intents by ticket volume. -#}
{%- set top_intents = var('knowledge_coverage_top_intents') -%}
with

months as (

    select * from {{ ref('util_reporting_months') }}

),

tickets as (

    select * from {{ ref('fct_tickets') }}

),

ai_reviews as (

    select * from {{ ref('stg_helpdesk__ai_response_reviews') }}

),

intent_coverage as (

    select * from {{ ref('stg_helpdesk__intent_coverage') }}

),

exports as (

    select * from {{ ref('int_export_presence') }}

),

accuracy as (

    -- every sampled review counts
    select
        cast({{ dbt.date_trunc('month', 'tickets.created_date') }} as date) as month_start,
        {{ count_where('ai_reviews.is_accurate') }} as ai_accuracy_rate_numerator,
        count(*) as ai_accuracy_rate_denominator
    from ai_reviews
    inner join tickets
        on ai_reviews.ticket_id = tickets.ticket_id
    group by cast({{ dbt.date_trunc('month', 'tickets.created_date') }} as date)

),

intent_volume as (

    select
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as month_start,
        intent,
        count(*) as intent_tickets
    from tickets
    group by cast({{ dbt.date_trunc('month', 'created_date') }} as date), intent

),

ranked_intents as (

    -- ties at the cut are broken by intent name, so the top list is deterministic
    select
        *,
        row_number() over (partition by month_start order by intent_tickets desc, intent asc) as volume_rank
    from intent_volume

),

coverage as (

    select
        ranked_intents.month_start,
        {{ count_where('intent_coverage.has_approved_answer') }} as knowledge_coverage_numerator,
        count(*) as knowledge_coverage_denominator
    from ranked_intents
    left join intent_coverage
        on ranked_intents.intent = intent_coverage.intent
    where ranked_intents.volume_rank <= {{ top_intents }}
    group by ranked_intents.month_start

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
