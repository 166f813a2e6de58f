{#- One row per month (reporting_timezone) from the first ticket to as_of: agents who left in the
    month and the average daily headcount, on their own dates. -#}
with

months as (

    select * from {{ ref('util_reporting_months') }}

),

reporting_days as (

    select * from {{ ref('util_reporting_days') }}

),

agents as (

    select * from {{ ref('stg_helpdesk__agents') }}

),

exports as (

    select * from {{ ref('int_export_presence') }}

),

month_days as (

    select
        cast({{ dbt.date_trunc('month', 'reporting_days.date_day') }} as date) as month_start,
        reporting_days.date_day,
        {{ reporting_to_utc(dbt.dateadd('day', 1, 'reporting_days.date_day')) }} as day_ends_at
    from reporting_days
    inner join months
        on cast({{ dbt.date_trunc('month', 'reporting_days.date_day') }} as date) = months.month_start

),

headcount as (

    -- employed at the end of the day: hired by then and not yet left
    select
        month_days.month_start,
        count(*) as headcount_agent_days
    from month_days
    inner join agents
        on
            (agents.hired_at is null or month_days.day_ends_at > agents.hired_at)
            and (agents.left_at is null or month_days.day_ends_at <= agents.left_at)
    group by month_days.month_start

),

days_per_month as (

    select
        month_start,
        count(*) as headcount_days
    from month_days
    group by month_start

),

leavers as (

    select
        cast({{ dbt.date_trunc('month', to_reporting_date('left_at')) }} as date) as month_start,
        count(*) as agents_left
    from agents
    where left_at is not null
    group by cast({{ dbt.date_trunc('month', to_reporting_date('left_at')) }} as date)

),

final as (

    select
        months.month_start,
        case when exports.has_agents then coalesce(leavers.agents_left, 0) end as agent_turnover_rate_numerator,
        case when exports.has_agents then coalesce(headcount.headcount_agent_days, 0) end as headcount_agent_days,
        days_per_month.headcount_days,
        {{ safe_divide(
            'case when exports.has_agents then coalesce(headcount.headcount_agent_days, 0) end',
            'days_per_month.headcount_days'
        ) }} as agent_turnover_rate_denominator,
        {{ safe_divide(
            'case when exports.has_agents then coalesce(leavers.agents_left, 0) end',
            safe_divide('case when exports.has_agents then coalesce(headcount.headcount_agent_days, 0) end',
                'days_per_month.headcount_days')
        ) }} as agent_turnover_rate
    from months
    left join days_per_month
        on months.month_start = days_per_month.month_start
    left join headcount
        on months.month_start = headcount.month_start
    left join leavers
        on months.month_start = leavers.month_start
    cross join exports

)

select *, {{ build_id() }} as build_id from final
