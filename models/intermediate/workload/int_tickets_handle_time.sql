{#- One row per ticket with at least one work session: handle time, where overlapping sessions
    of one agent on one ticket count once. -#}
with

work_intervals as (

    select * from {{ ref('int_agent_ticket_work_intervals') }}

),

final as (

    select
        ticket_id,
        sum({{ seconds_between('started_at', 'ended_at') }}) as handle_seconds,
        count(distinct agent_id) as agent_count
    from work_intervals
    group by ticket_id

)

select * from final
