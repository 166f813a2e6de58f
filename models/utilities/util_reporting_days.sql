{#- One row per calendar day in reporting_timezone, from the day before the first ticket to the
    day after as_of (or the latest event, whichever is later): the date spine for business-hours
    clocks and daily snapshots. At most 10^var('calendar_spine_digits') days. -#}
with

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

as_of as (

    select * from {{ ref('int_export_as_of') }}

),

ticket_bounds as (

    select min(created_date) as first_created_date from tickets

),

bounds as (

    select
        {{ dbt.dateadd('day', -1, 'ticket_bounds.first_created_date') }} as first_day,
        {{ dbt.dateadd('day', 1, to_reporting_date('coalesce(as_of.latest_event_at, as_of.as_of)')) }}
            as last_event_day,
        {{ dbt.dateadd('day', 1, to_reporting_date('as_of.as_of')) }} as as_of_day
    from ticket_bounds
    cross join as_of

),

numbers as (

    {{ integer_spine(var('calendar_spine_digits')) }}

),

final as (

    select cast({{ dbt.dateadd('day', 'numbers.n', 'bounds.first_day') }} as date) as date_day
    from bounds
    cross join numbers
    where
        {{ dbt.dateadd('day', 'numbers.n', 'bounds.first_day') }}
        <= case when bounds.as_of_day > bounds.last_event_day then bounds.as_of_day else bounds.last_event_day end

)

select * from final
