{#- One row per calendar month (first day, reporting_timezone) from the first ticket's month to
    the month of as_of: the month spine, so a month without any survey or cost still has a row. -#}
with

reporting_days as (

    select * from {{ ref('util_reporting_days') }}

),

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

as_of as (

    select * from {{ ref('int_export_as_of') }}

),

final as (

    select distinct cast({{ dbt.date_trunc('month', 'reporting_days.date_day') }} as date) as month_start
    from reporting_days
    cross join as_of
    where
        reporting_days.date_day >= (select min(tickets.created_date) from tickets)
        and reporting_days.date_day <= {{ to_reporting_date('as_of.as_of') }}

)

select * from final
