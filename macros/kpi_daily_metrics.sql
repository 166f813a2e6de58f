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

{#- The pending counts of kpi_daily and, beside each, the failures already seen among its pending
    tickets (NULL where the spec defines none). Views sum both; neither is ever part of a rate. -#}
{% macro kpi_daily_pending_counts() -%}
    {{ return([
        ('deflection_pending', 'deflection_pending_failures'),
        ('fcr_pending', 'fcr_pending_failures'),
        ('fcr_strict_pending', 'fcr_strict_pending_failures'),
        ('repeat_contact_pending', 'repeat_contact_pending_failures'),
        ('ai_followup_pending', none),
        ('first_reply_sla_pending', none),
    ]) }}
{%- endmacro %}

{#- The rate KPIs of kpi_daily with a pending rule, and their (pending, pending failures) columns. -#}
{% macro kpi_daily_pending_by_rate() -%}
    {{ return({
        'deflection_rate': ('deflection_pending', 'deflection_pending_failures'),
        'fcr_rate': ('fcr_pending', 'fcr_pending_failures'),
        'fcr_strict_rate': ('fcr_strict_pending', 'fcr_strict_pending_failures'),
        'repeat_contact_rate': ('repeat_contact_pending', 'repeat_contact_pending_failures'),
        'ai_followup_rate': ('ai_followup_pending', none),
        'first_reply_sla_compliance': ('first_reply_sla_pending', none),
    }) }}
{%- endmacro %}

{#- The same pending and pending-failure columns as one flat list. -#}
{% macro kpi_daily_pending_columns() -%}
    {%- set columns = [] -%}
    {%- for pending, pending_failures in kpi_daily_pending_counts() -%}
        {%- do columns.append(pending) -%}
        {%- if pending_failures %}{% do columns.append(pending_failures) %}{% endif -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}
