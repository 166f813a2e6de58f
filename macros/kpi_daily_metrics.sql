{#- The rate and mean KPIs of kpi_daily that views re-aggregate from their additive parts
    (`<m>_numerator`/`<m>_denominator`, `<m>_sum`/`<m>_count`). Add a KPI here when it is added
    to kpi_daily; the test assert_rolling_and_weekly_agree_with_kpi_daily checks every listed
    part. -#}
{% macro kpi_daily_rate_metrics() -%}
    {{ return([
        'ai_handle_rate', 'deflection_rate', 'deflection_rate_adjusted', 'ai_escalation_rate',
        'escalation_rate', 'transfer_rate', 'fcr_rate', 'reopen_rate', 'repeat_contact_rate',
        'ai_followup_rate', 'csat', 'csat_ai_only', 'csat_escalated', 'csat_assisted',
        'csat_human_only', 'csat_unanswered', 'csat_response_rate',
        'fcr_strict_rate', 'complaint_resolution_csat', 'tier2_share', 'first_reply_sla_compliance',
    ]) }}
{%- endmacro %}

{% macro kpi_daily_mean_metrics() -%}
    {{ return([
        'first_response_time', 'first_human_response_time', 'time_to_resolution', 'aht',
        'ces', 'ces_ai_only', 'ces_escalated', 'ces_assisted', 'ces_human_only', 'ces_unanswered',
        'sentiment_score', 'avg_response_time',
    ]) }}
{%- endmacro %}
