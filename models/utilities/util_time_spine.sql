{#- One row per calendar day from var('time_spine_start_date'), 10^var('calendar_spine_digits') days
    long: the time spine of the semantic layer (MetricFlow joins metric_time to it). A fixed range,
    not the data's, so that it needs no export to build. -#}
with

numbers as (

    {{ integer_spine(var('calendar_spine_digits')) }}

),

final as (

    select
        cast(
            {{ dbt.dateadd('day', 'numbers.n', "cast('" ~ var('time_spine_start_date') ~ "' as date)") }} as date
        ) as date_day
    from numbers

)

select * from final
