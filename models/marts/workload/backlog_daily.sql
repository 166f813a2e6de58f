{#- One row per reporting day x channel x category (every channel x category with tickets, on
    every day from the first ticket to as_of): the open backlog at the end of the day and the
    backlog in hours of recent resolving capacity. A snapshot, not a cohort: not additive over
    days, additive over channels and categories of one day. -#}
{%- set trailing_days = var('backlog_capacity_trailing_days') -%}
with

tickets as (

    select * from {{ ref('fct_tickets') }}

),

events as (

    select * from {{ ref('int_ticket_events_ordered') }}

),

as_of as (

    select * from {{ ref('int_export_as_of') }}

),

reporting_days as (

    select * from {{ ref('util_reporting_days') }}

),

state_changes as (

    -- creation opens a ticket, a counted reopen opens it again, a counted resolution resolves it
    select
        ticket_id,
        created_at as changed_at,
        0 as event_sequence,
        'open' as state
    from tickets
    union all
    select
        ticket_id,
        event_at as changed_at,
        event_sequence,
        case when counts_as_reopen then 'open' else 'resolved' end as state
    from events
    where counts_as_resolution or counts_as_reopen

),

spans as (

    select
        ticket_id,
        state,
        changed_at as started_at,
        lead(changed_at) over (partition by ticket_id order by changed_at, event_sequence) as ended_at
    from state_changes

),

open_spans as (

    select
        spans.ticket_id,
        tickets.channel,
        tickets.category,
        spans.started_at,
        spans.ended_at
    from spans
    inner join tickets
        on spans.ticket_id = tickets.ticket_id
    where spans.state = 'open'

),

days as (

    -- each day ends at the next local midnight, expressed in UTC
    select
        reporting_days.date_day,
        {{ reporting_to_utc(dbt.dateadd('day', 1, 'reporting_days.date_day')) }} as day_ends_at
    from reporting_days
    cross join as_of
    where
        reporting_days.date_day >= (select min(tickets.created_date) from tickets)
        and reporting_days.date_day <= {{ to_reporting_date('as_of.as_of') }}

),

cells as (

    select distinct
        channel,
        category
    from tickets

),

backlog as (

    -- open at the day's last instant: opened before its end, not resolved before its end
    select
        days.date_day,
        open_spans.channel,
        open_spans.category,
        count(*) as backlog_open_tickets
    from days
    inner join open_spans
        on
            days.day_ends_at > open_spans.started_at
            and (open_spans.ended_at is null or days.day_ends_at <= open_spans.ended_at)
    group by days.date_day, open_spans.channel, open_spans.category

),

resolutions as (

    -- an open span that ends is a resolution on the day it ends
    select
        {{ to_reporting_date('ended_at') }} as date_day,
        channel,
        category,
        count(*) as resolved_tickets
    from open_spans
    where ended_at is not null
    group by {{ to_reporting_date('ended_at') }}, channel, category

),

daily as (

    select
        days.date_day,
        cells.channel,
        cells.category,
        coalesce(backlog.backlog_open_tickets, 0) as backlog_open_tickets,
        coalesce(resolutions.resolved_tickets, 0) as resolved_tickets
    from days
    cross join cells
    left join backlog
        on
            days.date_day = backlog.date_day
            and cells.channel = backlog.channel
            and cells.category = backlog.category
    left join resolutions
        on
            days.date_day = resolutions.date_day
            and cells.channel = resolutions.channel
            and cells.category = resolutions.category

),

with_trailing_window as (

    select
        *,
        cast(sum(resolved_tickets) over (
            partition by channel, category
            order by date_day
            rows between {{ trailing_days - 1 }} preceding and current row
        ) as {{ dbt.type_bigint() }}) as backlog_capacity_resolved_tickets,
        count(*) over (
            partition by channel, category
            order by date_day
            rows between {{ trailing_days - 1 }} preceding and current row
        ) as trailing_days_available
    from daily

),

final as (

    select
        date_day,
        channel,
        category,
        backlog_open_tickets,
        resolved_tickets,
        backlog_capacity_resolved_tickets,
        {{ trailing_days * 24 }} as backlog_capacity_trailing_hours,
        -- backlog / (resolved per hour over the trailing window)
        -- a window that is not full yet (the first days of the data) would understate capacity
        case
            when trailing_days_available = {{ trailing_days }} then
                {{ safe_divide('backlog_open_tickets * ' ~ (trailing_days * 24), 'backlog_capacity_resolved_tickets') }}
        end as backlog_capacity_hours
    from with_trailing_window

)

select *, {{ build_id() }} as build_id from final
