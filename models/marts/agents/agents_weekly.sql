{#- One row per agent x week (Monday of the week in reporting_timezone) with any activity: tickets
    credited, escalations, handle time, scheduled time or QA reviews. Additive parts beside every
    ratio; the escalation rate is compared with the agent's team in the same week. -#}
{%- set week_of = "cast(" ~ dbt.date_trunc('week', '{}') ~ " as date)" -%}
with

tickets as (

    select * from {{ ref('fct_tickets') }}

),

events as (

    select * from {{ ref('int_ticket_events_ordered') }}

),

work_intervals as (

    select * from {{ ref('int_agent_ticket_work_intervals') }}

),

busy_intervals as (

    select * from {{ ref('int_agent_busy_intervals') }}

),

shifts as (

    select * from {{ ref('stg_helpdesk__agent_shifts') }}

),

qa_reviews as (

    select * from {{ ref('stg_helpdesk__qa_reviews') }}

),

agents as (

    select * from {{ ref('stg_helpdesk__agents') }}

),

exports as (

    select * from {{ ref('int_export_presence') }}

),

thresholds as (

    select * from {{ ref('agent_coaching_thresholds') }}

),

agent_messages as (

    select
        ticket_id,
        actor_id as agent_id,
        event_sequence,
        row_number() over (partition by ticket_id order by event_sequence desc) as reverse_reply_number,
        row_number() over (partition by ticket_id order by event_sequence) as reply_number
    from events
    where event_type = 'agent_message' and actor_id is not null

),

credited_tickets as (

    -- tickets_per_agent: resolved tickets, credited to the sender of the last human reply
    select
        agent_messages.agent_id,
        {{ week_of.format('tickets.created_date') }} as week_start,
        count(*) as tickets_per_agent
    from agent_messages
    inner join tickets
        on agent_messages.ticket_id = tickets.ticket_id
    where agent_messages.reverse_reply_number = 1 and tickets.is_resolved
    group by agent_messages.agent_id, {{ week_of.format('tickets.created_date') }}

),

later_escalations as (

    select distinct agent_messages.ticket_id
    from agent_messages
    inner join events
        on agent_messages.ticket_id = events.ticket_id
    where
        agent_messages.reply_number = 1
        and events.event_type = 'escalated'
        and events.event_sequence > agent_messages.event_sequence

),

owned_tickets as (

    -- escalation rate of an agent: of the tickets it replied to first (as a human), those handed
    -- on by an escalated event after that reply
    select
        agent_messages.agent_id,
        {{ week_of.format('tickets.created_date') }} as week_start,
        {{ count_where('later_escalations.ticket_id is not null') }} as escalation_rate_numerator,
        count(*) as escalation_rate_denominator
    from agent_messages
    inner join tickets
        on agent_messages.ticket_id = tickets.ticket_id
    left join later_escalations
        on agent_messages.ticket_id = later_escalations.ticket_id
    where agent_messages.reply_number = 1
    group by agent_messages.agent_id, {{ week_of.format('tickets.created_date') }}

),

handle_time as (

    -- aht per agent: the agent's merged time on each ticket, on the ticket's creation week
    select
        work_intervals.agent_id,
        {{ week_of.format('tickets.created_date') }} as week_start,
        sum({{ seconds_between('work_intervals.started_at', 'work_intervals.ended_at') }}) as aht_sum,
        count(distinct work_intervals.ticket_id) as aht_count
    from work_intervals
    inner join tickets
        on work_intervals.ticket_id = tickets.ticket_id
    group by work_intervals.agent_id, {{ week_of.format('tickets.created_date') }}

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

qa_scores as (

    -- reviews follow their ticket: the ticket's creation week
    select
        qa_reviews.agent_id,
        {{ week_of.format('tickets.created_date') }} as week_start,
        sum(qa_reviews.score) as qa_score_sum,
        count(*) as qa_score_count
    from qa_reviews
    inner join tickets
        on qa_reviews.ticket_id = tickets.ticket_id
    group by qa_reviews.agent_id, {{ week_of.format('tickets.created_date') }}

),

agent_weeks as (

    select
        agent_id,
        week_start
    from credited_tickets
    union
    select
        agent_id,
        week_start
    from owned_tickets
    union
    select
        agent_id,
        week_start
    from handle_time
    union
    select
        agent_id,
        week_start
    from busy_time
    union
    select
        agent_id,
        week_start
    from shift_time
    union
    select
        agent_id,
        week_start
    from qa_scores

),

joined as (

    select
        agent_weeks.agent_id,
        agent_weeks.week_start,
        coalesce(agents.team, 'unknown') as team,
        agents.tier,
        coalesce(credited_tickets.tickets_per_agent, 0) as tickets_per_agent,
        coalesce(owned_tickets.escalation_rate_numerator, 0) as escalation_rate_numerator,
        coalesce(owned_tickets.escalation_rate_denominator, 0) as escalation_rate_denominator,
        case when exports.has_agent_work_sessions then coalesce(handle_time.aht_sum, 0) end as aht_sum,
        case when exports.has_agent_work_sessions then coalesce(handle_time.aht_count, 0) end as aht_count,
        case
            when exports.has_agent_work_sessions and exports.has_agent_shifts
                then coalesce(busy_time.busy_seconds, 0)
        end as agent_utilization_rate_numerator,
        case
            when exports.has_agent_work_sessions and exports.has_agent_shifts
                then coalesce(shift_time.shift_seconds, 0)
        end as agent_utilization_rate_denominator,
        case when exports.has_qa_reviews then coalesce(qa_scores.qa_score_sum, 0) end as qa_score_sum,
        case when exports.has_qa_reviews then coalesce(qa_scores.qa_score_count, 0) end as qa_score_count
    from agent_weeks
    left join agents
        on agent_weeks.agent_id = agents.agent_id
    left join credited_tickets
        on agent_weeks.agent_id = credited_tickets.agent_id and agent_weeks.week_start = credited_tickets.week_start
    left join owned_tickets
        on agent_weeks.agent_id = owned_tickets.agent_id and agent_weeks.week_start = owned_tickets.week_start
    left join handle_time
        on agent_weeks.agent_id = handle_time.agent_id and agent_weeks.week_start = handle_time.week_start
    left join busy_time
        on agent_weeks.agent_id = busy_time.agent_id and agent_weeks.week_start = busy_time.week_start
    left join shift_time
        on agent_weeks.agent_id = shift_time.agent_id and agent_weeks.week_start = shift_time.week_start
    left join qa_scores
        on agent_weeks.agent_id = qa_scores.agent_id and agent_weeks.week_start = qa_scores.week_start
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
