{#- One row per agent x week (Monday, reporting_timezone) of the tickets' creation: the tickets an
    agent is credited with (resolved, last human reply theirs), the tickets it owned (first human
    reply theirs) and how many of those an escalated event handed on after that reply, and its
    merged handle time per ticket. A side with nothing that week is NULL. -#}
{%- set week_of = "cast(" ~ dbt.date_trunc('week', '{}') ~ " as date)" -%}
with

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

timeline as (

    select * from {{ ref('int_ticket_events_pivoted_to_tickets') }}

),

events as (

    select * from {{ ref('int_ticket_events_ordered') }}

),

work_intervals as (

    select * from {{ ref('int_agent_ticket_work_intervals') }}

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
    inner join timeline
        on agent_messages.ticket_id = timeline.ticket_id
    where agent_messages.reverse_reply_number = 1 and timeline.is_resolved
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

),

final as (

    select
        agent_weeks.agent_id,
        agent_weeks.week_start,
        credited_tickets.tickets_per_agent,
        owned_tickets.escalation_rate_numerator,
        owned_tickets.escalation_rate_denominator,
        handle_time.aht_sum,
        handle_time.aht_count
    from agent_weeks
    left join credited_tickets
        on agent_weeks.agent_id = credited_tickets.agent_id and agent_weeks.week_start = credited_tickets.week_start
    left join owned_tickets
        on agent_weeks.agent_id = owned_tickets.agent_id and agent_weeks.week_start = owned_tickets.week_start
    left join handle_time
        on agent_weeks.agent_id = handle_time.agent_id and agent_weeks.week_start = handle_time.week_start

)

select * from final
