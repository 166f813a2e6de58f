{#- One row per month (reporting_timezone, tickets on their creation month) x channel x category
    with inbound tickets: the additive parts of kpi_daily that the monthly marts read, summed over
    the month. The one place where kpi_daily is rolled up to months: escalation_quality_monthly
    reads it as it is, monthly_escalation_review and cost_monthly sum it over channels or
    categories. Parts only (no ratios): divide summed parts, never average ratios. -#}
{%- set monthly_kpis = [
    'inbound_conversations', 'ai_handle_rate', 'unanswered_rate', 'deflection_rate',
    'escalation_rate', 'ai_escalation_rate', 'escalation_reviewed_tickets',
    'escalation_precision', 'escalation_recall', 'false_escalation_rate', 'missed_escalation_rate',
    'escalation_quality_score', 'escalation_quality_share_score_1_2', 'escalation_quality_share_score_3',
    'escalation_quality_share_score_4_5', 'time_to_resolution_good_handoff', 'time_to_resolution_bad_handoff',
] -%}
with

kpi_daily as (

    select * from {{ ref('kpi_daily') }}

),

final as (

    select
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,
        channel,
        category,
        {{ kpi_part_sums(names=monthly_kpis) }}
    from kpi_daily
    group by cast({{ dbt.date_trunc('month', 'date_day') }} as date), channel, category

)

select *, {{ build_id() }} as build_id from final
