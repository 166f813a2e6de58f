-- Asserts that kpi_rolling_28d and weekly_scorecard equal kpi_daily re-aggregated directly: every
-- rate and mean part and every pending count of every rolling window, and the week values and
-- pending counts (with their pending failures) of the scorecard.
with

kpi_daily as (

    select * from {{ ref('kpi_daily') }}

),

rolling as (

    select * from {{ ref('kpi_rolling_28d') }}

),

scorecard as (

    select * from {{ ref('weekly_scorecard') }}

),

expected_rolling as (

    select
        rolling.date_day,
        rolling.channel,
        {%- for metric in kpi_daily_rate_metrics() %}
        sum(kpi_daily.{{ metric }}_numerator) as {{ metric }}_numerator,
        sum(kpi_daily.{{ metric }}_denominator) as {{ metric }}_denominator,
        {%- endfor %}
        {%- for metric in kpi_daily_mean_metrics() %}
        sum(kpi_daily.{{ metric }}_sum) as {{ metric }}_sum,
        sum(kpi_daily.{{ metric }}_count) as {{ metric }}_count,
        {%- endfor %}
        {%- for column in kpi_daily_pending_columns() %}
        sum(kpi_daily.{{ column }}) as {{ column }},
        {%- endfor %}
        sum(kpi_daily.inbound_conversations) as inbound_conversations
    from rolling
    inner join kpi_daily
        on
            rolling.channel = kpi_daily.channel
            and kpi_daily.date_day between rolling.window_start_date and rolling.date_day
    group by rolling.date_day, rolling.channel

),

rolling_mismatches as (

    select
        'kpi_rolling_28d' as view_name,
        rolling.channel || ' ' || cast(rolling.date_day as {{ dbt.type_string() }}) as row_key
    from rolling
    left join expected_rolling
        on rolling.date_day = expected_rolling.date_day and rolling.channel = expected_rolling.channel
    where
        expected_rolling.date_day is null
        or rolling.inbound_conversations <> expected_rolling.inbound_conversations
        {%- for metric in kpi_daily_rate_metrics() %}
        or coalesce(rolling.{{ metric }}_numerator, -1) <> coalesce(expected_rolling.{{ metric }}_numerator, -1)
        or coalesce(rolling.{{ metric }}_denominator, -1) <> coalesce(expected_rolling.{{ metric }}_denominator, -1)
        {%- endfor %}
        {%- for metric in kpi_daily_mean_metrics() %}
        or abs(coalesce(rolling.{{ metric }}_sum, -1) - coalesce(expected_rolling.{{ metric }}_sum, -1)) > 1e-6
        or coalesce(rolling.{{ metric }}_count, -1) <> coalesce(expected_rolling.{{ metric }}_count, -1)
        {%- endfor %}
        {%- for column in kpi_daily_pending_columns() %}
        or coalesce(rolling.{{ column }}, -1) <> coalesce(expected_rolling.{{ column }}, -1)
        {%- endfor %}

),

expected_weekly as (

    select
        cast({{ dbt.date_trunc('week', 'date_day') }} as date) as week_start,
        {{ safe_divide('sum(fcr_rate_numerator)', 'sum(fcr_rate_denominator)') }} as fcr_rate,
        {{ safe_divide('sum(fcr_strict_rate_numerator)', 'sum(fcr_strict_rate_denominator)') }} as fcr_strict_rate,
        {{ safe_divide('sum(repeat_contact_rate_numerator)', 'sum(repeat_contact_rate_denominator)') }}
            as repeat_contact_rate,
        {{ safe_divide('sum(tier2_deflection_rate_numerator)', 'sum(tier2_deflection_rate_denominator)') }}
            as tier2_deflection_rate,
        {%- for pending, pending_failures in kpi_daily_pending_counts() if pending_failures %}
        sum({{ pending }}) as {{ pending }},
        sum({{ pending_failures }}) as {{ pending_failures }},
        {%- endfor %}
        {{ safe_divide('sum(ces_ai_only_sum)', 'sum(ces_ai_only_count)') }} as ces_ai_only
    from kpi_daily
    group by cast({{ dbt.date_trunc('week', 'date_day') }} as date)

),

weekly_mismatches as (

    select
        'weekly_scorecard' as view_name,
        scorecard.metric || ' ' || cast(scorecard.week_start as {{ dbt.type_string() }}) as row_key
    from scorecard
    inner join expected_weekly
        on scorecard.week_start = expected_weekly.week_start
    where
        abs(coalesce(scorecard.this_week_value, -9) - coalesce(
            case
                when scorecard.metric = 'fcr_rate' then expected_weekly.fcr_rate
                when scorecard.metric = 'fcr_strict_rate' then expected_weekly.fcr_strict_rate
                when scorecard.metric = 'repeat_contact_rate' then expected_weekly.repeat_contact_rate
                when scorecard.metric = 'tier2_deflection_rate' then expected_weekly.tier2_deflection_rate
                when scorecard.metric = 'ces' and scorecard.segment = 'ai_only' then expected_weekly.ces_ai_only
            end, scorecard.this_week_value, -9
        )) > 1e-9
        {%- for metric, (pending, pending_failures) in kpi_daily_pending_by_rate().items() if pending_failures %}
        or (scorecard.metric = '{{ metric }}' and scorecard.pending <> expected_weekly.{{ pending }})
        or (scorecard.metric = '{{ metric }}' and scorecard.pending_failures <> expected_weekly.{{ pending_failures }})
        {%- endfor %}

)

select * from rolling_mismatches
union all
select * from weekly_mismatches
