{#- One row per month (reporting_timezone) from the first ticket to as_of: agents who left in the
    month and the average daily headcount, on their own dates. -#}
with

months as (

    select * from {{ ref('util_reporting_months') }}

),

headcount as (

    select * from {{ ref('int_agent_headcount_monthly') }}

),

exports as (

    select * from {{ ref('int_export_presence') }}

),

final as (

    select
        months.month_start,
        case when exports.has_agents then headcount.agents_left end as agent_turnover_rate_numerator,
        case when exports.has_agents then headcount.headcount_agent_days end as headcount_agent_days,
        headcount.headcount_days,
        {{ safe_divide(
            'case when exports.has_agents then headcount.headcount_agent_days end',
            'headcount.headcount_days'
        ) }} as agent_turnover_rate_denominator,
        {{ safe_divide(
            'case when exports.has_agents then headcount.agents_left end',
            safe_divide('case when exports.has_agents then headcount.headcount_agent_days end',
                'headcount.headcount_days')
        ) }} as agent_turnover_rate
    from months
    left join headcount
        on months.month_start = headcount.month_start
    cross join exports

)

select *, {{ build_id() }} as build_id from final
