{#- One row per week (Monday, reporting_timezone) x core KPI x segment, all channels: this week's
    value, last week's, the target that applies (int_kpi_targets_by_period: seed kpi_targets, maturity ladder
    counted from var ai_launch_date) and the status. Rates and means are re-aggregated from additive parts.
    Every row states its unit, one per KPI (targets are converted into it); a row whose pending
    tickets exceed var provisional_pending_share of (denominator + pending) is `provisional`. -#}
{%- set week_of = "cast(" ~ dbt.date_trunc('week', '{}') ~ " as date)" -%}
{#- (metric, segment, kpi_daily part prefix, unit of the value, rate or mean): every `scorecard`
    row of the registry (registry/kpis.yml); the pending and pending-failure counts of a rate come
    from macro kpi_daily_pending_by_rate -#}
{%- set pending_by_rate = kpi_daily_pending_by_rate() -%}
{%- set scorecard_metrics = kpi_scorecard_rows() -%}
{%- set bigint = dbt.type_bigint() -%}
with

kpi_daily as (

    select * from {{ ref('kpi_daily') }}

),

tickets as (

    select * from {{ ref('fct_tickets') }}

),

kpi_targets as (

    select * from {{ ref('int_kpi_targets_by_period') }}

),

weekly_parts as (

    {%- for metric, segment, prefix, unit, kind in scorecard_metrics %}
    {%- set pending, pending_failures = pending_by_rate.get(prefix, (none, none)) if kind == 'rate' else (none, none) %}
    select
        {{ week_of.format('date_day') }} as week_start,
        '{{ metric }}' as metric,
        '{{ segment }}' as segment,
        '{{ unit }}' as value_unit,
        cast(sum({{ prefix }}_{{ 'numerator' if kind == 'rate' else 'sum' }}) as {{ type_double() }}) as value_numerator,
        cast(sum({{ prefix }}_{{ 'denominator' if kind == 'rate' else 'count' }}) as {{ type_double() }})
            as value_denominator,
        cast({{ 'sum(' ~ pending ~ ')' if pending else '0' }} as {{ bigint }}) as pending,
        cast({{ 'sum(' ~ pending_failures ~ ')' if pending_failures else 'null' }} as {{ bigint }}) as pending_failures
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
        cast(0 as {{ dbt.type_bigint() }}) as pending,
        cast(null as {{ dbt.type_bigint() }}) as pending_failures
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

converted as (

    -- one unit per KPI (value_unit: mttr in hours on every path); a target, warning or critical
    -- threshold in another duration unit (seed kpi_targets.unit) is converted into it
    select
        with_last_week.week_start,
        with_last_week.metric,
        with_last_week.segment,
        with_last_week.value_unit,
        with_last_week.value_numerator,
        with_last_week.value_denominator,
        with_last_week.pending,
        with_last_week.pending_failures,
        with_last_week.kpi_value as this_week_value,
        with_last_week.last_week_value,
        kpi_targets.target_id,
        kpi_targets.comparator,
        kpi_targets.severity,
        {{ convert_duration('kpi_targets.target', 'kpi_targets.unit', 'with_last_week.value_unit') }}
            as target,  -- noqa: RF04
        {{ convert_duration('kpi_targets.warning_threshold', 'kpi_targets.unit', 'with_last_week.value_unit') }}
            as warning_threshold,
        {{ convert_duration('kpi_targets.critical_threshold', 'kpi_targets.unit', 'with_last_week.value_unit') }}
            as critical_threshold
    from with_last_week
    -- the maturity ladder step that applies on the week's Monday (all channels)
    left join kpi_targets
        on
            kpi_targets.period_grain = 'week'
            and kpi_targets.channel = 'all'
            and with_last_week.week_start = kpi_targets.period_start
            and with_last_week.metric = kpi_targets.metric
            and with_last_week.segment = kpi_targets.segment

),

final as (

    select
        converted.week_start,
        converted.metric,
        converted.segment,
        converted.value_unit as unit,
        converted.value_numerator,
        converted.value_denominator,
        converted.pending,
        converted.pending_failures,
        {{ safe_divide('converted.pending', 'converted.value_denominator + converted.pending') }} as pending_share,
        converted.this_week_value,
        converted.last_week_value,
        converted.this_week_value - converted.last_week_value as change_from_last_week,
        converted.target_id,
        converted.comparator,
        converted.target,
        converted.warning_threshold,
        converted.critical_threshold,
        -- too much of the week still pending: not judged against the target (and no alert)
        case
            when {{ is_provisional('converted.pending', 'converted.value_denominator') }} then 'provisional'
            else {{ kpi_status('this_week_value', 'converted') }}
        end as status
    from converted

)

select *, {{ build_id() }} as build_id from final
