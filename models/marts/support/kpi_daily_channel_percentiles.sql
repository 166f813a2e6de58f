{#- One row per date_day x channel: medians and 90th percentiles of the duration KPIs, which do
    not add up and so cannot live in kpi_daily. -#}
with

tickets as (

    select * from {{ ref('fct_tickets') }}

),

final as (

    select
        created_date as date_day,
        channel,
        count(first_response_seconds) as first_response_time_count,
        {{ percentile('first_response_seconds', 0.5) }} as first_response_time_median,
        {{ percentile('first_response_seconds', 0.9) }} as first_response_time_p90,
        count(resolution_hours) as time_to_resolution_count,
        {{ percentile('resolution_hours', 0.5) }} as time_to_resolution_median,
        {{ percentile('resolution_hours', 0.9) }} as time_to_resolution_p90
    from tickets
    group by created_date, channel

)

select *, {{ build_id() }} as build_id from final
