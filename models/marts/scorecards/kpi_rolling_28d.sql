{#- One row per date_day x channel with inbound tickets: every rate and mean KPI of kpi_daily over
    the trailing var('rolling_window_days') days ending on date_day (the day included), summed
    from the additive parts of every category, never averaged from daily ratios, with the window's
    pending counts and the failures already seen among them. -#}
{%- set window_days = var('rolling_window_days') -%}
{%- set pending_columns = kpi_daily_pending_columns() -%}
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
        sum(kpi_daily.inbound_conversations) as inbound_conversations,
        {%- for metric in kpi_daily_rate_metrics() %}
        sum(kpi_daily.{{ metric }}_numerator) as {{ metric }}_numerator,
        sum(kpi_daily.{{ metric }}_denominator) as {{ metric }}_denominator,
        {%- endfor %}
        {%- for metric in kpi_daily_mean_metrics() %}
        sum(kpi_daily.{{ metric }}_sum) as {{ metric }}_sum,
        sum(kpi_daily.{{ metric }}_count) as {{ metric }}_count,
        {%- endfor %}
        -- how much of the window is still open (pending) and the failures already seen in it
        {%- for column in pending_columns %}
        sum(kpi_daily.{{ column }}) as {{ column }},
        {%- endfor %}
        sum(kpi_daily.tier2_deflection_rate_numerator) as tier2_deflection_rate_numerator,
        sum(kpi_daily.tier2_deflection_rate_denominator) as tier2_deflection_rate_denominator
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
        inbound_conversations,
        {%- for metric in kpi_daily_rate_metrics() %}
        {{ rate_columns(metric) }},
        {%- endfor %}
        {%- for metric in kpi_daily_mean_metrics() %}
        {{ mean_columns(metric) }},
        {%- endfor %}
        {%- for column in pending_columns %}
        {{ column }},
        {%- endfor %}
        tier2_deflection_rate_numerator,
        tier2_deflection_rate_denominator,
        {{ safe_divide('tier2_deflection_rate_numerator', 'tier2_deflection_rate_denominator') }} as tier2_deflection_rate
    from windowed

)

select *, {{ build_id() }} as build_id from final
