{#- One row per month x channel x category with inbound tickets: the four weighted escalation
    rates (Wilson bounds on the Kish effective sample size), the escalation quality score with its
    distribution shares and good:bad ratio against kpi_targets, and time to resolution by handoff
    quality. Rebuilt from the additive parts of kpi_daily (tickets by creation month). -#}
{%- set weighted_rate_metrics = [
    'escalation_precision', 'escalation_recall', 'false_escalation_rate', 'missed_escalation_rate',
] -%}
{%- set share_metrics = [
    'escalation_quality_share_score_1_2', 'escalation_quality_share_score_3', 'escalation_quality_share_score_4_5',
] -%}
{%- set target_metrics = share_metrics + ['escalation_quality_good_to_bad_ratio'] -%}
with

kpi_daily as (

    select * from {{ ref('kpi_daily') }}

),

kpi_targets as (

    select * from {{ ref('kpi_targets') }}

),

monthly as (

    select
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,
        channel,
        category,
        {{ kpi_part_sums(names=['escalation_reviewed_tickets'] + weighted_rate_metrics
            + ['escalation_quality_score'] + share_metrics
            + ['time_to_resolution_good_handoff', 'time_to_resolution_bad_handoff']) }}
    from kpi_daily
    group by cast({{ dbt.date_trunc('month', 'date_day') }} as date), channel, category

),

month_channels as (

    select distinct
        month_start,
        channel,
        -- a target applies to a month when it applies on the month's last day ("by month 3")
        {{ dbt.datediff(
            "cast('" ~ var('ai_launch_date') ~ "' as date)",
            dbt.last_day('month_start', 'month'),
            'day'
        ) }} as days_after_launch
    from monthly

),

applicable_targets as (

    -- per metric the row that applies: its own channel before `all`, then the latest ladder step
    select
        month_channels.month_start,
        month_channels.channel,
        kpi_targets.metric,
        kpi_targets.comparator,
        kpi_targets.target,
        row_number() over (
            partition by month_channels.month_start, month_channels.channel, kpi_targets.metric
            order by
                case when kpi_targets.channel = 'all' then 1 else 0 end,
                kpi_targets.applies_from_days_after_launch desc
        ) as preference
    from month_channels
    inner join kpi_targets
        on
            (month_channels.channel = kpi_targets.channel or kpi_targets.channel = 'all')
            and kpi_targets.segment = 'all'
            and (
                kpi_targets.applies_from_days_after_launch is null
                or month_channels.days_after_launch >= kpi_targets.applies_from_days_after_launch
            )
    -- the distribution shares and the good:bad ratio (the pivot below keeps only those)
    where kpi_targets.metric like 'escalation_quality_%'

),

targets as (

    select
        {%- for metric in target_metrics %}
        max(case when metric = '{{ metric }}' then comparator end) as {{ metric }}_comparator,
        max(case when metric = '{{ metric }}' then target end) as {{ metric }}_target,
        {%- endfor %}
        month_start,
        channel
    from applicable_targets
    where preference = 1
    group by month_start, channel

),

rates as (

    select
        monthly.month_start,
        monthly.channel,
        monthly.category,
        monthly.escalation_reviewed_tickets,
        {%- for metric in weighted_rate_metrics %}
        {{ weighted_rate_columns(metric) }},
        {{ kish_effective_sample_size(metric ~ '_denominator', metric ~ '_weight_sq_sum') }}
            as {{ metric }}_effective_n,
        {%- endfor %}
        {{ mean_columns('escalation_quality_score') }},
        {%- for metric in share_metrics %}
        {{ rate_columns(metric) }},
        {%- endfor %}
        monthly.escalation_quality_share_score_4_5_numerator as good_handoffs,
        monthly.escalation_quality_share_score_1_2_numerator as bad_handoffs,
        {{ safe_divide('escalation_quality_share_score_4_5_numerator', 'escalation_quality_share_score_1_2_numerator') }}
            as escalation_quality_good_to_bad_ratio,
        {{ mean_columns('time_to_resolution_good_handoff') }},
        {{ mean_columns('time_to_resolution_bad_handoff') }}
    from monthly

),

final as (

    select
        rates.*,
        {%- for metric in share_metrics %}
        targets.{{ metric }}_target,
        {{ meets_target('rates.' ~ metric, 'targets.' ~ metric ~ '_comparator', 'targets.' ~ metric ~ '_target') }}
            as is_{{ metric }}_on_target,
        {%- endfor %}
        targets.escalation_quality_good_to_bad_ratio_target,
        -- no bad handoff at all meets any ratio target, as long as there is a good one
        case
            when
                rates.bad_handoffs = 0
                and rates.good_handoffs > 0
                and targets.escalation_quality_good_to_bad_ratio_target is not null
                then true
            else {{ meets_target(
                'rates.escalation_quality_good_to_bad_ratio',
                'targets.escalation_quality_good_to_bad_ratio_comparator',
                'targets.escalation_quality_good_to_bad_ratio_target'
            ) }}
        end as is_escalation_quality_good_to_bad_ratio_on_target
    from rates
    left join targets
        on
            rates.month_start = targets.month_start
            and rates.channel = targets.channel

)

select *, {{ build_id() }} as build_id from final
