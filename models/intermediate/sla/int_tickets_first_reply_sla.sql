{#- One row per ticket whose channel x priority has a first-reply target in seed sla_policies:
    the SLA clock from created_at to the first reply (or to as_of while unanswered), counted on
    the 24/7 clock or, where the policy says so, only inside business hours (seed business_hours,
    in reporting_timezone, closed on seed holidays). -#}
with

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

timeline as (

    select * from {{ ref('int_ticket_events_pivoted_to_tickets') }}

),

as_of as (

    select * from {{ ref('int_export_as_of') }}

),

sla_policies as (

    select * from {{ ref('sla_policies') }}

),

business_hours as (

    select * from {{ ref('business_hours') }}

),

holidays as (

    select * from {{ ref('holidays') }}

),

reporting_days as (

    select * from {{ ref('util_reporting_days') }}

),

business_intervals as (

    -- every open stretch of the calendar, local opening hours converted to UTC
    select
        {{ reporting_to_utc(date_at_time_of_day('reporting_days.date_day', 'business_hours.opens_at')) }} as opens_at_utc,
        {{ reporting_to_utc(date_at_time_of_day('reporting_days.date_day', 'business_hours.closes_at')) }} as closes_at_utc
    from reporting_days
    inner join business_hours
        on {{ iso_day_of_week('reporting_days.date_day') }} = business_hours.day_of_week
    left join holidays
        on reporting_days.date_day = holidays.holiday_date
    where holidays.holiday_date is null

),

clocks as (

    select
        tickets.ticket_id,
        tickets.created_at,
        timeline.first_response_at,
        -- while nobody has replied, the clock runs to as_of (never backwards: a ticket created
        -- after as_of, e.g. a future-dated export row, has used no time yet)
        case
            when timeline.first_response_at is not null then timeline.first_response_at
            when as_of.as_of < tickets.created_at then tickets.created_at
            else as_of.as_of
        end as clock_stopped_at,
        sla_policies.use_business_hours,
        cast(sla_policies.first_reply_target_minutes * 60 as {{ type_double() }}) as target_seconds
    from tickets
    inner join sla_policies
        on
            tickets.channel = sla_policies.channel
            and tickets.priority = sla_policies.priority
    left join timeline
        on tickets.ticket_id = timeline.ticket_id
    cross join as_of

),

business_elapsed as (

    select
        clocks.ticket_id,
        sum(
            {{ seconds_between(
                'case when clocks.created_at > business_intervals.opens_at_utc then clocks.created_at'
                ~ ' else business_intervals.opens_at_utc end',
                'case when clocks.clock_stopped_at < business_intervals.closes_at_utc then clocks.clock_stopped_at'
                ~ ' else business_intervals.closes_at_utc end'
            ) }}
        ) as elapsed_seconds
    from clocks
    inner join business_intervals
        on
            clocks.created_at < business_intervals.closes_at_utc
            and clocks.clock_stopped_at > business_intervals.opens_at_utc
    where clocks.use_business_hours
    group by clocks.ticket_id

),

elapsed as (

    select
        clocks.*,
        case
            when clocks.use_business_hours then coalesce(business_elapsed.elapsed_seconds, 0)
            else {{ seconds_between('clocks.created_at', 'clocks.clock_stopped_at') }}
        end as elapsed_seconds
    from clocks
    left join business_elapsed
        on clocks.ticket_id = business_elapsed.ticket_id

),

final as (

    select
        ticket_id,
        use_business_hours,
        target_seconds,
        elapsed_seconds,
        -- closed interval: a reply exactly at the target meets it
        first_response_at is not null and elapsed_seconds <= target_seconds as is_met,
        -- no reply yet and the target not yet passed: not final
        first_response_at is null and elapsed_seconds <= target_seconds as is_pending
    from elapsed

)

select * from final
