{#- One row per ISO weekday (1 = Monday) x channel: the escalation rate of tickets created on that
    weekday (reporting_timezone), re-aggregated from kpi_daily's additive parts, to spot a
    staffing or release pattern. -#}
with

kpi_daily as (

    select * from {{ ref('kpi_daily') }}

),

parts as (

    select
        {{ iso_day_of_week('date_day') }} as day_of_week,
        channel,
        count(distinct date_day) as days_with_inbound,
        cast(sum(escalation_rate_numerator) as {{ dbt.type_bigint() }}) as escalation_rate_numerator,
        cast(sum(escalation_rate_denominator) as {{ dbt.type_bigint() }}) as escalation_rate_denominator
    from kpi_daily
    group by {{ iso_day_of_week('date_day') }}, channel

),

final as (

    select
        day_of_week,
        channel,
        days_with_inbound,
        {{ rate_columns('escalation_rate') }}
    from parts

)

select *, {{ build_id() }} as build_id from final
