{#- One row per creation month (reporting_timezone) x resolution path with resolved tickets: time
    to resolution (hours) as mean (mttr, from additive parts), median and p90. -#}
with

tickets as (

    select * from {{ ref('fct_tickets') }}

),

final as (

    select
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as month_start,
        resolution_path,
        coalesce(sum(resolution_hours), 0) as time_to_resolution_sum,
        count(resolution_hours) as time_to_resolution_count,
        {{ safe_divide('sum(resolution_hours)', 'count(resolution_hours)') }} as mttr,
        {{ percentile('resolution_hours', 0.5) }} as time_to_resolution_median,
        {{ percentile('resolution_hours', 0.9) }} as time_to_resolution_p90
    from tickets
    where resolution_hours is not null
    group by cast({{ dbt.date_trunc('month', 'created_date') }} as date), resolution_path

)

select *, {{ build_id() }} as build_id from final
