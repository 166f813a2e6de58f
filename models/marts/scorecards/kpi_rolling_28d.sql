{#- One row per date_day x channel with inbound tickets: every rate and mean KPI of kpi_daily over
    the trailing var('rolling_window_days') days ending on date_day (the day included), summed
    from the additive parts of every category, never averaged from daily ratios, with the window's
    pending counts and the failures already seen among them. Which KPIs: those of the registry
    (registry/kpis.yml) not marked `rolling: false`. -#}
{%- set window_days = var('rolling_window_days') -%}
with

kpi_daily as (

    select * from {{ ref('kpi_daily') }}

),

anchors as (

    select distinct
        date_day,
        channel
    from kpi_daily

),

windowed as (

    select
        anchors.date_day,
        anchors.channel,
        cast({{ dbt.dateadd('day', 1 - window_days, 'anchors.date_day') }} as date) as window_start_date,
        {{ kpi_part_sums('kpi_daily') }}
    from anchors
    inner join kpi_daily
        on
            anchors.channel = kpi_daily.channel
            and anchors.date_day >= kpi_daily.date_day
            and kpi_daily.date_day > {{ dbt.dateadd('day', 0 - window_days, 'anchors.date_day') }}
    group by anchors.date_day, anchors.channel

),

final as (

    select
        date_day,
        channel,
        window_start_date,
        {{ kpi_daily_value_columns(rolling=true) }}
    from windowed

)

select *, {{ build_id() }} as build_id from final
