{#- One row per agent x week (Monday of the week in reporting_timezone) with any activity: tickets
    credited, escalations, handle time, scheduled time or QA reviews (each worked out per agent x
    week in models/intermediate/agents). Additive parts beside every ratio; the escalation rate is
    compared with the agent's team in the same week. -#}
with

ticket_weeks as (

    select * from {{ ref('int_agent_ticket_weeks') }}

),

utilization_weeks as (

    select * from {{ ref('int_agent_utilization_weeks') }}

),

qa_weeks as (

    select * from {{ ref('int_agent_qa_weeks') }}

),

agents as (

    select * from {{ ref('int_agent_roster') }}

),

exports as (

    select * from {{ ref('int_export_presence') }}

),

thresholds as (

    select * from {{ ref('agent_coaching_thresholds') }}

),

agent_weeks as (

    select
        agent_id,
        week_start
    from ticket_weeks
    union
    select
        agent_id,
        week_start
    from utilization_weeks
    union
    select
        agent_id,
        week_start
    from qa_weeks

),

joined as (

    select
        agent_weeks.agent_id,
        agent_weeks.week_start,
        coalesce(agents.team, 'unknown') as team,
        agents.tier,
        coalesce(ticket_weeks.tickets_per_agent, 0) as tickets_per_agent,
        coalesce(ticket_weeks.escalation_rate_numerator, 0) as escalation_rate_numerator,
        coalesce(ticket_weeks.escalation_rate_denominator, 0) as escalation_rate_denominator,
        case when exports.has_agent_work_sessions then coalesce(ticket_weeks.aht_sum, 0) end as aht_sum,
        case when exports.has_agent_work_sessions then coalesce(ticket_weeks.aht_count, 0) end as aht_count,
        case
            when exports.has_agent_work_sessions and exports.has_agent_shifts
                then coalesce(utilization_weeks.busy_seconds, 0)
        end as agent_utilization_rate_numerator,
        case
            when exports.has_agent_work_sessions and exports.has_agent_shifts
                then coalesce(utilization_weeks.shift_seconds, 0)
        end as agent_utilization_rate_denominator,
        case when exports.has_qa_reviews then coalesce(qa_weeks.qa_score_sum, 0) end as qa_score_sum,
        case when exports.has_qa_reviews then coalesce(qa_weeks.qa_score_count, 0) end as qa_score_count
    from agent_weeks
    left join agents
        on agent_weeks.agent_id = agents.agent_id
    left join ticket_weeks
        on agent_weeks.agent_id = ticket_weeks.agent_id and agent_weeks.week_start = ticket_weeks.week_start
    left join utilization_weeks
        on agent_weeks.agent_id = utilization_weeks.agent_id and agent_weeks.week_start = utilization_weeks.week_start
    left join qa_weeks
        on agent_weeks.agent_id = qa_weeks.agent_id and agent_weeks.week_start = qa_weeks.week_start
    cross join exports

),

with_team as (

    select
        *,
        cast(sum(escalation_rate_numerator) over (partition by team, week_start) as {{ dbt.type_bigint() }})
            as team_escalation_rate_numerator,
        cast(sum(escalation_rate_denominator) over (partition by team, week_start) as {{ dbt.type_bigint() }})
            as team_escalation_rate_denominator
    from joined

),

threshold_values as (

    select
        max(case when threshold_name = 'escalation_rate_multiple_of_team' then threshold_value end)
            as escalation_rate_multiple_of_team,
        max(case when threshold_name = 'min_tickets_for_escalation_flag' then threshold_value end)
            as min_tickets_for_escalation_flag
    from thresholds

),

final as (

    select
        with_team.agent_id,
        with_team.week_start,
        with_team.team,
        with_team.tier,
        with_team.tickets_per_agent,
        {{ rate_columns('escalation_rate') }},
        with_team.team_escalation_rate_numerator,
        with_team.team_escalation_rate_denominator,
        {{ safe_divide('team_escalation_rate_numerator', 'team_escalation_rate_denominator') }} as team_escalation_rate,
        coalesce(
            with_team.escalation_rate_denominator >= threshold_values.min_tickets_for_escalation_flag
            and {{ safe_divide('escalation_rate_numerator', 'escalation_rate_denominator') }}
            >= threshold_values.escalation_rate_multiple_of_team
            * {{ safe_divide('team_escalation_rate_numerator', 'team_escalation_rate_denominator') }}
            and with_team.team_escalation_rate_numerator > 0,
            false
        ) as is_escalation_rate_flagged,
        {{ mean_columns('aht') }},
        with_team.agent_utilization_rate_numerator,
        with_team.agent_utilization_rate_denominator,
        {{ safe_divide('agent_utilization_rate_numerator', 'agent_utilization_rate_denominator') }}
            as agent_utilization_rate,
        {{ mean_columns('qa_score') }}
    from with_team
    cross join threshold_values

)

select *, {{ build_id() }} as build_id from final
