{#- One row per date_day x channel with inbound tickets: the medians and 90th percentiles of the
    duration KPIs, which do not add up and so cannot live in kpi_daily: response time over every
    customer message, the peak-hour response time of the day's busiest creation hour, first
    (human) response time and time to resolution. -#}
with

tickets as (

    select * from {{ ref('fct_tickets') }}

),

responses as (

    select * from {{ ref('int_customer_message_responses') }}

),

message_times as (

    -- every message follows its ticket to the ticket's creation day
    select
        tickets.created_date as date_day,
        tickets.channel,
        count(responses.response_seconds) as response_time_count,
        {{ percentile('responses.response_seconds', 0.5) }} as median_response_time
    from responses
    inner join tickets
        on responses.ticket_id = tickets.ticket_id
    group by tickets.created_date, tickets.channel

),

hourly as (

    select
        created_date as date_day,
        channel,
        {{ dbt.date_trunc('hour', to_reporting_date_time('created_at')) }} as created_hour,
        count(*) as hour_inbound
    from tickets
    group by created_date, channel, {{ dbt.date_trunc('hour', to_reporting_date_time('created_at')) }}

),

peak_hours as (

    -- the busiest hour; on a tie, the earliest
    select
        date_day,
        channel,
        created_hour,
        hour_inbound
    from (
        select
            *,
            row_number() over (partition by date_day, channel order by hour_inbound desc, created_hour asc) as hour_rank
        from hourly
    ) as ranked
    where hour_rank = 1

),

peak_hour_times as (

    select
        peak_hours.date_day,
        peak_hours.channel,
        peak_hours.created_hour as peak_hour_starts_at,
        peak_hours.hour_inbound as peak_hour_inbound,
        {{ percentile('tickets.first_response_seconds', 0.5) }} as peak_hour_response_time
    from peak_hours
    inner join tickets
        on
            peak_hours.date_day = tickets.created_date
            and peak_hours.channel = tickets.channel
            and peak_hours.created_hour = {{ dbt.date_trunc('hour', to_reporting_date_time('tickets.created_at')) }}
    group by peak_hours.date_day, peak_hours.channel, peak_hours.created_hour, peak_hours.hour_inbound

),

ticket_times as (

    select
        created_date as date_day,
        channel,
        count(first_response_seconds) as first_response_time_count,
        {{ percentile('first_response_seconds', 0.5) }} as first_response_time_median,
        {{ percentile('first_response_seconds', 0.9) }} as first_response_time_p90,
        count(first_human_response_seconds) as first_human_response_time_count,
        {{ percentile('first_human_response_seconds', 0.5) }} as first_human_response_time_median,
        {{ percentile('first_human_response_seconds', 0.9) }} as first_human_response_time_p90,
        count(resolution_hours) as time_to_resolution_count,
        {{ percentile('resolution_hours', 0.5) }} as time_to_resolution_median,
        {{ percentile('resolution_hours', 0.9) }} as time_to_resolution_p90
    from tickets
    group by created_date, channel

),

final as (

    select
        ticket_times.date_day,
        ticket_times.channel,
        coalesce(message_times.response_time_count, 0) as response_time_count,
        message_times.median_response_time,
        peak_hour_times.peak_hour_starts_at,
        peak_hour_times.peak_hour_inbound,
        peak_hour_times.peak_hour_response_time,
        ticket_times.first_response_time_count,
        ticket_times.first_response_time_median,
        ticket_times.first_response_time_p90,
        ticket_times.first_human_response_time_count,
        ticket_times.first_human_response_time_median,
        ticket_times.first_human_response_time_p90,
        ticket_times.time_to_resolution_count,
        ticket_times.time_to_resolution_median,
        ticket_times.time_to_resolution_p90
    from ticket_times
    left join message_times
        on ticket_times.date_day = message_times.date_day and ticket_times.channel = message_times.channel
    left join peak_hour_times
        on ticket_times.date_day = peak_hour_times.date_day and ticket_times.channel = peak_hour_times.channel

)

select *, {{ build_id() }} as build_id from final
