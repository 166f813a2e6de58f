{#- One row per period (week or month, reporting_timezone) x channel x metric x segment that has a
    target in seed kpi_targets: the one target row that applies. The maturity ladder counts days
    from var ai_launch_date to the period's reference day (a week: its Monday; a month: its last
    day, "by month 3"); a row applies once that count reaches applies_from_days_after_launch (or
    always, when empty). Of the rows that apply, a channel's own row comes before `all`, then the
    latest ladder step. Channel `all` resolves from the `all` rows alone. Every mart that judges a
    KPI against its target reads it here. -#}
{%- set launch = "cast('" ~ var('ai_launch_date') ~ "' as date)" -%}
with

reporting_days as (

    select * from {{ ref('util_reporting_days') }}

),

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

kpi_targets as (

    select * from {{ ref('kpi_targets') }}

),

days as (

    -- the calendar, and every ticket's creation day (a mart's periods are those of its tickets)
    select date_day from reporting_days
    union
    select created_date as date_day from tickets

),

weeks as (

    select distinct cast({{ dbt.date_trunc('week', 'date_day') }} as date) as period_start
    from days

),

months as (

    select distinct cast({{ dbt.date_trunc('month', 'date_day') }} as date) as period_start
    from days

),

periods as (

    select
        'week' as period_grain,
        period_start,
        {{ dbt.datediff(launch, 'period_start', 'day') }} as days_after_launch
    from weeks
    union all
    select
        'month' as period_grain,
        period_start,
        {{ dbt.datediff(
            launch,
            dbt.last_day('period_start', 'month'),
            'day'
        ) }} as days_after_launch
    from months

),

channels as (

    select distinct channel from tickets
    union
    select 'all' as channel

),

candidates as (

    select
        periods.period_grain,
        periods.period_start,
        channels.channel,
        periods.days_after_launch,
        kpi_targets.metric,
        kpi_targets.segment,
        kpi_targets.target_id,
        kpi_targets.comparator,
        kpi_targets.target,
        kpi_targets.warning_threshold,
        kpi_targets.critical_threshold,
        kpi_targets.unit,
        kpi_targets.severity,
        kpi_targets.applies_from_days_after_launch,
        row_number() over (
            partition by periods.period_grain, periods.period_start, channels.channel, kpi_targets.metric, kpi_targets.segment
            order by
                case when kpi_targets.channel = 'all' then 1 else 0 end,
                kpi_targets.applies_from_days_after_launch desc nulls last
        ) as preference
    from periods
    cross join channels
    inner join kpi_targets
        on
            (channels.channel = kpi_targets.channel or kpi_targets.channel = 'all')
            and (
                kpi_targets.applies_from_days_after_launch is null
                or periods.days_after_launch >= kpi_targets.applies_from_days_after_launch
            )

),

final as (

    select
        period_grain,
        period_start,
        channel,
        metric,
        segment,
        days_after_launch,
        target_id,
        comparator,
        target,  -- noqa: RF04
        warning_threshold,
        critical_threshold,
        unit,
        severity,
        applies_from_days_after_launch
    from candidates
    where preference = 1

)

select * from final
