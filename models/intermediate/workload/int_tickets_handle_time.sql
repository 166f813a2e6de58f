{#- One row per ticket with at least one work session: handle time, where overlapping sessions
    of one agent on one ticket count once. -#}
with

sessions as (

    select * from {{ ref('stg_helpdesk__agent_work_sessions') }}

),

with_previous_end as (

    select
        *,
        max(ended_at) over (
            partition by ticket_id, agent_id
            order by started_at, ended_at, session_id
            rows between unbounded preceding and 1 preceding
        ) as previous_max_ended_at
    from sessions

),

islands as (

    -- a session that starts after every earlier session of the agent has ended opens a new island
    select
        *,
        sum(case when previous_max_ended_at is null or started_at > previous_max_ended_at then 1 else 0 end)
            over (
                partition by ticket_id, agent_id
                order by started_at, ended_at, session_id
                rows between unbounded preceding and current row
            ) as island_number
    from with_previous_end

),

merged as (

    select
        ticket_id,
        agent_id,
        island_number,
        min(started_at) as started_at,
        max(ended_at) as ended_at
    from islands
    group by ticket_id, agent_id, island_number

),

final as (

    select
        ticket_id,
        sum({{ seconds_between('started_at', 'ended_at') }}) as handle_seconds,
        count(distinct agent_id) as agent_count
    from merged
    group by ticket_id

)

select * from final
