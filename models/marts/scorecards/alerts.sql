{#- One row per breach: metric, grain, period, value, threshold and severity. Every threshold comes
    from a seed: weekly core KPIs against kpi_targets (every week), the open backlog in hours of
    capacity against kpi_targets (latest snapshot day, per channel), rolling rates outside
    their channel_benchmarks band (latest rolling window, per channel), and every category x month
    with a missed-escalation signal (severity from the kpi_targets row missed_escalation_signal).
    Provisional rows (too much still pending, macro is_provisional) raise nothing; every row says
    the unit of its value and threshold. -#}
with

weekly_scorecard as (

    select * from {{ ref('weekly_scorecard') }}

),

backlog_daily as (

    select * from {{ ref('backlog_daily') }}

),

benchmarks as (

    select * from {{ ref('channel_benchmark_comparison') }}

),

kpi_targets as (

    select * from {{ ref('kpi_targets') }}

),

missed_escalation_signal as (

    select * from {{ ref('missed_escalation_signal') }}

),

weekly_breaches as (

    select
        'weekly_scorecard' as alert_source,
        metric,
        segment,
        'week' as grain,
        week_start as period_start,
        'all' as channel,
        this_week_value as kpi_value,
        unit,
        case status
            when 'critical' then critical_threshold
            when 'warning' then coalesce(warning_threshold, target)
        end as threshold,
        comparator,
        status as severity,
        target_id as rule_id
    from weekly_scorecard
    -- a provisional week (status `provisional`) is never warning or critical, so it raises nothing
    where status in ('warning', 'critical')

),

latest_backlog as (

    select
        date_day,
        channel,
        sum(backlog_open_tickets) as backlog_open_tickets,
        sum(backlog_capacity_resolved_tickets) as backlog_capacity_resolved_tickets,
        max(backlog_capacity_trailing_hours) as backlog_capacity_trailing_hours
    from backlog_daily
    where date_day = (select max(snapshot_days.date_day) from backlog_daily as snapshot_days)
    group by date_day, channel

),

backlog_values as (

    select
        latest_backlog.date_day,
        latest_backlog.channel,
        {{ safe_divide(
            'latest_backlog.backlog_open_tickets * latest_backlog.backlog_capacity_trailing_hours',
            'latest_backlog.backlog_capacity_resolved_tickets'
        ) }} as kpi_value,
        kpi_targets.target_id,
        kpi_targets.comparator,
        kpi_targets.target,
        kpi_targets.warning_threshold,
        kpi_targets.critical_threshold,
        kpi_targets.severity,
        kpi_targets.unit
    from latest_backlog
    inner join kpi_targets
        on
            kpi_targets.metric = 'backlog_capacity_hours'
            and kpi_targets.segment = 'all'
            and kpi_targets.channel in ('all', latest_backlog.channel)

),

backlog_breaches as (

    select
        'backlog_daily' as alert_source,
        'backlog_capacity_hours' as metric,
        'all' as segment,
        'day x channel' as grain,
        backlog_values.date_day as period_start,
        backlog_values.channel,
        backlog_values.kpi_value,
        backlog_values.unit,
        case {{ kpi_status('kpi_value', 'backlog_values') }}
            when 'critical' then backlog_values.critical_threshold
            when 'warning' then coalesce(backlog_values.warning_threshold, backlog_values.target)
        end as threshold,
        backlog_values.comparator,
        {{ kpi_status('kpi_value', 'backlog_values') }} as severity,
        backlog_values.target_id as rule_id
    from backlog_values
    where {{ kpi_status('kpi_value', 'backlog_values') }} in ('warning', 'critical')

),

benchmark_breaches as (

    select
        'channel_benchmarks' as alert_source,
        metric,
        'all' as segment,
        'rolling window x channel' as grain,
        date_day as period_start,
        channel,
        kpi_value,
        unit,
        case benchmark_status when 'below' then benchmark_low else benchmark_high end as threshold,
        case benchmark_status when 'below' then '>=' else '<=' end as comparator,
        severity,
        channel || ':' || metric as rule_id
    from benchmarks
    where
        date_day = (select max(window_days.date_day) from benchmarks as window_days)
        and benchmark_status in ('below', 'above')
        and severity in ('warning', 'critical')
        and not is_provisional

),

missed_escalation_breaches as (

    -- value 1 = a signal was raised; the seed row says the target is no signal (<= 0)
    select
        'missed_escalation_signal' as alert_source,
        'missed_escalation_signal' as metric,
        missed_escalation_signal.category as segment,
        'month x category' as grain,
        missed_escalation_signal.month_start as period_start,
        'all' as channel,
        cast(1 as {{ type_double() }}) as kpi_value,
        kpi_targets.unit,
        kpi_targets.target as threshold,
        kpi_targets.comparator,
        kpi_targets.severity,
        kpi_targets.target_id as rule_id
    from missed_escalation_signal
    inner join kpi_targets
        on kpi_targets.target_id = 'missed_escalation_signal'
    where missed_escalation_signal.missed_escalation_signal

),

final as (

    select * from weekly_breaches
    union all
    select * from backlog_breaches
    union all
    select * from benchmark_breaches
    union all
    select * from missed_escalation_breaches

)

select *, {{ build_id() }} as build_id from final
