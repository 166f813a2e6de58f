-- Strict and adjusted deflection per channel and month, side by side, rebuilt from the additive
-- parts of kpi_daily (never by averaging daily ratios). Compile with `dbt compile` and run the
-- SQL in target/compiled/ against the warehouse.
with

daily as (

    select * from {{ ref('kpi_daily') }}

),

monthly as (

    select
        channel,
        {{ dbt.date_trunc('month', 'date_day') }} as month_start,
        sum(deflection_rate_numerator) as deflection_rate_numerator,
        sum(deflection_rate_denominator) as deflection_rate_denominator,
        sum(deflection_rate_adjusted_numerator) as deflection_rate_adjusted_numerator,
        sum(deflection_rate_adjusted_denominator) as deflection_rate_adjusted_denominator,
        sum(deflection_pending) as deflection_pending
    from daily
    group by channel, {{ dbt.date_trunc('month', 'date_day') }}

),

final as (

    select
        channel,
        month_start,
        deflection_pending,
        {{ rate_columns('deflection_rate') }},
        {{ rate_columns('deflection_rate_adjusted') }}
    from monthly

)

select * from final
order by channel, month_start
