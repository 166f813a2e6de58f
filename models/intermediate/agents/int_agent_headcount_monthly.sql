{#- One row per month (reporting_timezone) from the first ticket to as_of: the agents employed at
    the end of each of its days (agent-days), its number of days, and the agents who left in it
    (on the reporting date of left_at). The parts of agent turnover. -#}
with

months as (

    select * from {{ ref('util_reporting_months') }}

),

reporting_days as (

    select * from {{ ref('util_reporting_days') }}

),

agents as (

    select * from {{ ref('int_agent_roster') }}

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
        left_month_start as month_start,
        count(*) as agents_left
    from agents
    where left_at is not null
    group by left_month_start

),

final as (

    select
        months.month_start,
        coalesce(headcount.headcount_agent_days, 0) as headcount_agent_days,
        days_per_month.headcount_days,
        coalesce(leavers.agents_left, 0) as agents_left
    from months
    left join days_per_month
        on months.month_start = days_per_month.month_start
    left join headcount
        on months.month_start = headcount.month_start
    left join leavers
        on months.month_start = leavers.month_start

)

select * from final
