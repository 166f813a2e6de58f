{#- One row per date_day x channel x benchmarked rate: the channel's rolling value (kpi_rolling_28d,
    trailing var('rolling_window_days') days) against its industry band in seed
    channel_benchmarks, with the window's pending count; a provisional window (pending above
    var provisional_pending_share of denominator + pending) raises no alert. -#}
{%- set pending_by_rate = kpi_daily_pending_by_rate() -%}
with

rolling as (

    select * from {{ ref('kpi_rolling_28d') }}

),

channel_benchmarks as (

    select * from {{ ref('channel_benchmarks') }}

),

rolling_values as (

    {%- for metric in kpi_daily_rate_metrics() %}
    {%- set pending, pending_failures = pending_by_rate.get(metric, (none, none)) %}
    select
        date_day,
        channel,
        '{{ metric }}' as metric,
        {{ metric }}_numerator as value_numerator,
        {{ metric }}_denominator as value_denominator,
        {{ metric }} as kpi_value,
        {{ pending if pending else '0' }} as pending,
        {{ pending_failures if pending_failures else 'cast(null as ' ~ dbt.type_bigint() ~ ')' }} as pending_failures
    from rolling
    {{- '\n    union all' if not loop.last }}
    {%- endfor %}

),

final as (

    select
        rolling_values.date_day,
        rolling_values.channel,
        rolling_values.metric,
        rolling_values.value_numerator,
        rolling_values.value_denominator,
        rolling_values.kpi_value,
        'fraction' as unit,
        rolling_values.pending,
        rolling_values.pending_failures,
        {{ is_provisional('rolling_values.pending', 'rolling_values.value_denominator') }} as is_provisional,
        channel_benchmarks.low as benchmark_low,
        channel_benchmarks.high as benchmark_high,
        channel_benchmarks.severity,
        case
            when rolling_values.kpi_value is null then 'no_data'
            when rolling_values.kpi_value < channel_benchmarks.low then 'below'
            when rolling_values.kpi_value > channel_benchmarks.high then 'above'
            else 'within'
        end as benchmark_status
    from rolling_values
    inner join channel_benchmarks
        on
            rolling_values.channel = channel_benchmarks.channel
            and rolling_values.metric = channel_benchmarks.metric

)

select *, {{ build_id() }} as build_id from final
