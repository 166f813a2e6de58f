{#- One row per agent x week (Monday, reporting_timezone) with scheduled or busy time: the parts
    of agent utilisation. Busy time is the agent's merged work across tickets
    (int_agent_busy_intervals), shift time the scheduled shifts, each on the week it starts in.
    A side with nothing that week is NULL (the mart decides between 0 and NULL by export). -#}
{%- set week_of = "cast(" ~ dbt.date_trunc('week', '{}') ~ " as date)" -%}
with

busy_intervals as (

    select * from {{ ref('int_agent_busy_intervals') }}

),

shifts as (

    select * from {{ ref('stg_helpdesk__agent_shifts') }}

),

busy_time as (

    select
        agent_id,
        {{ week_of.format(to_reporting_date('started_at')) }} as week_start,
        sum({{ seconds_between('started_at', 'ended_at') }}) as busy_seconds
    from busy_intervals
    group by agent_id, {{ week_of.format(to_reporting_date('started_at')) }}

),

shift_time as (

    select
        agent_id,
        {{ week_of.format(to_reporting_date('shift_start')) }} as week_start,
        sum({{ seconds_between('shift_start', 'shift_end') }}) as shift_seconds
    from shifts
    group by agent_id, {{ week_of.format(to_reporting_date('shift_start')) }}

),

agent_weeks as (

    select
        agent_id,
        week_start
    from busy_time
    union
    select
        agent_id,
        week_start
    from shift_time

),

final as (

    select
        agent_weeks.agent_id,
        agent_weeks.week_start,
        busy_time.busy_seconds,
        shift_time.shift_seconds
    from agent_weeks
    left join busy_time
        on agent_weeks.agent_id = busy_time.agent_id and agent_weeks.week_start = busy_time.week_start
    left join shift_time
        on agent_weeks.agent_id = shift_time.agent_id and agent_weeks.week_start = shift_time.week_start

)

select * from final
