{#- One row per week (Monday, reporting_timezone) x core KPI x segment, all channels: this week's
    value, last week's, the target that applies (seed kpi_targets, maturity ladder counted from
    var ai_launch_date) and the status. Rates and means are re-aggregated from additive parts. -#}
{%- set week_of = "cast(" ~ dbt.date_trunc('week', '{}') ~ " as date)" -%}
{#- (metric, segment, kpi_daily part prefix, unit of the value, rate or mean, pending count) -#}
{%- set scorecard_metrics = [
    ('fcr_rate', 'all', 'fcr_rate', 'fraction', 'rate', 'fcr_pending'),
    ('fcr_strict_rate', 'all', 'fcr_strict_rate', 'fraction', 'rate', 'fcr_strict_pending'),
    ('repeat_contact_rate', 'all', 'repeat_contact_rate', 'fraction', 'rate', 'repeat_contact_pending'),
    ('deflection_rate', 'all', 'deflection_rate', 'fraction', 'rate', 'deflection_pending'),
    ('csat', 'all', 'csat', 'fraction', 'rate', none),
    ('first_reply_sla_compliance', 'all', 'first_reply_sla_compliance', 'fraction', 'rate', 'first_reply_sla_pending'),
    ('tier2_deflection_rate', 'all', 'tier2_deflection_rate', 'fraction', 'rate', none),
    ('ces', 'all', 'ces', 'score', 'mean', none),
    ('ces', 'ai_only', 'ces_ai_only', 'score', 'mean', none),
    ('ces', 'escalated', 'ces_escalated', 'score', 'mean', none),
    ('escalation_quality_score', 'all', 'escalation_quality_score', 'score', 'mean', none),
    ('escalation_quality_share_score_4_5', 'all', 'escalation_quality_share_score_4_5', 'fraction', 'rate', none),
    ('false_escalation_rate', 'all', 'false_escalation_rate', 'fraction', 'rate', none),
] -%}
with

kpi_daily as (

    select * from {{ ref('kpi_daily') }}

),

tickets as (

    select * from {{ ref('fct_tickets') }}

),

kpi_targets as (

    select * from {{ ref('kpi_targets') }}

),

weekly_parts as (

    {%- for metric, segment, prefix, unit, kind, pending in scorecard_metrics %}
    select
        {{ week_of.format('date_day') }} as week_start,
        '{{ metric }}' as metric,
        '{{ segment }}' as segment,
        '{{ unit }}' as value_unit,
        cast(sum({{ prefix }}_{{ 'numerator' if kind == 'rate' else 'sum' }}) as {{ type_double() }}) as value_numerator,
        cast(sum({{ prefix }}_{{ 'denominator' if kind == 'rate' else 'count' }}) as {{ type_double() }})
            as value_denominator,
        {{ 'sum(' ~ pending ~ ')' if pending else '0' }} as pending
    from kpi_daily
    group by {{ week_of.format('date_day') }}
    union all
    {%- endfor %}
    -- MTTR by path needs the ticket rows (kpi_daily has no time to resolution per path)
    select
        {{ week_of.format('created_date') }} as week_start,
        'mttr' as metric,
        resolution_path as segment,
        'hours' as value_unit,
        cast(sum(resolution_hours) as {{ type_double() }}) as value_numerator,
        cast(count(resolution_hours) as {{ type_double() }}) as value_denominator,
        0 as pending
    from tickets
    where resolution_path in ('ai_only', 'escalated')
    group by {{ week_of.format('created_date') }}, resolution_path

),

weekly_values as (

    select
        *,
        {{ safe_divide('value_numerator', 'value_denominator') }} as kpi_value
    from weekly_parts

),

with_last_week as (

    select
        this_week.*,
        last_week.kpi_value as last_week_value
    from weekly_values as this_week
    left join weekly_values as last_week
        on
            this_week.metric = last_week.metric
            and this_week.segment = last_week.segment
            and last_week.week_start = {{ dbt.dateadd('day', -7, 'this_week.week_start') }}

),

applicable_targets as (

    -- the maturity ladder: the latest rung that has started by the week's Monday
    select
        with_last_week.week_start,
        with_last_week.metric,
        with_last_week.segment,
        kpi_targets.target_id,
        kpi_targets.comparator,
        kpi_targets.target,
        kpi_targets.warning_threshold,
        kpi_targets.critical_threshold,
        kpi_targets.unit,
        kpi_targets.severity,
        row_number() over (
            partition by with_last_week.week_start, with_last_week.metric, with_last_week.segment
            order by kpi_targets.applies_from_days_after_launch desc nulls last
        ) as rung_rank
    from with_last_week
    inner join kpi_targets
        on
            with_last_week.metric = kpi_targets.metric
            and with_last_week.segment = kpi_targets.segment
            and kpi_targets.channel = 'all'
            and (
                kpi_targets.applies_from_days_after_launch is null
                or kpi_targets.applies_from_days_after_launch
                <= {{ dbt.datediff("cast('" ~ var('ai_launch_date') ~ "' as date)", 'with_last_week.week_start', 'day') }}
            )

),

converted as (

    select
        with_last_week.week_start,
        with_last_week.metric,
        with_last_week.segment,
        with_last_week.value_unit,
        with_last_week.value_numerator,
        with_last_week.value_denominator,
        with_last_week.pending,
        applicable_targets.target_id,
        applicable_targets.comparator,
        applicable_targets.target,
        applicable_targets.warning_threshold,
        applicable_targets.critical_threshold,
        applicable_targets.severity,
        coalesce(applicable_targets.unit, with_last_week.value_unit) as target_unit,
        -- express both weeks in the target's unit (time to resolution is stored in hours)
        case
            when applicable_targets.unit = 'seconds' and with_last_week.value_unit = 'hours'
                then with_last_week.kpi_value * 3600
            else with_last_week.kpi_value
        end as this_week_value,
        case
            when applicable_targets.unit = 'seconds' and with_last_week.value_unit = 'hours'
                then with_last_week.last_week_value * 3600
            else with_last_week.last_week_value
        end as last_week_value
    from with_last_week
    left join applicable_targets
        on
            with_last_week.week_start = applicable_targets.week_start
            and with_last_week.metric = applicable_targets.metric
            and with_last_week.segment = applicable_targets.segment
            and applicable_targets.rung_rank = 1

),

final as (

    select
        converted.week_start,
        converted.metric,
        converted.segment,
        converted.target_unit as unit,
        converted.value_numerator,
        converted.value_denominator,
        converted.pending,
        converted.this_week_value,
        converted.last_week_value,
        converted.this_week_value - converted.last_week_value as change_from_last_week,
        converted.target_id,
        converted.comparator,
        converted.target,
        converted.warning_threshold,
        converted.critical_threshold,
        {{ kpi_status('this_week_value', 'converted') }} as status
    from converted

)

select * from final
