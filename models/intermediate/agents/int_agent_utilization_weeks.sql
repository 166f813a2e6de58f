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

intervals as (

    select
        agent_id,
        started_at,
        ended_at,
        'busy' as interval_kind
    from busy_intervals
    union all
    select
        agent_id,
        shift_start as started_at,
        shift_end as ended_at,
        'shift' as interval_kind
    from shifts

),

final as (

    -- each interval on the week it starts in; a kind with no interval that week is NULL
    select
        agent_id,
        {{ week_of.format(to_reporting_date('started_at')) }} as week_start,
        sum(case when interval_kind = 'busy' then {{ seconds_between('started_at', 'ended_at') }} end) as busy_seconds,
        sum(case when interval_kind = 'shift' then {{ seconds_between('started_at', 'ended_at') }} end) as shift_seconds
    from intervals
    group by agent_id, {{ week_of.format(to_reporting_date('started_at')) }}

)

select * from final
