{#- One row per month x channel x category with inbound tickets: the four weighted escalation
    rates (Wilson bounds on the Kish effective sample size), the escalation quality score with its
    distribution shares and good:bad ratio against kpi_targets, and time to resolution by handoff
    quality. Rebuilt from the monthly additive parts (kpi_monthly_parts, tickets by creation month);
    targets from int_kpi_targets_by_period. -#}
{%- set weighted_rate_metrics = [
    'escalation_precision', 'escalation_recall', 'false_escalation_rate', 'missed_escalation_rate',
] -%}
{%- set share_metrics = [
    'escalation_quality_share_score_1_2', 'escalation_quality_share_score_3', 'escalation_quality_share_score_4_5',
] -%}
{%- set target_metrics = share_metrics + ['escalation_quality_good_to_bad_ratio'] -%}
with

monthly as (

    select * from {{ ref('kpi_monthly_parts') }}

),

kpi_targets as (

    select * from {{ ref('int_kpi_targets_by_period') }}

),

targets as (

    -- the distribution shares and the good:bad ratio, as they apply to the month and channel
    select
        {%- for metric in target_metrics %}
        max(case when metric = '{{ metric }}' then comparator end) as {{ metric }}_comparator,
        max(case when metric = '{{ metric }}' then target end) as {{ metric }}_target,
        {%- endfor %}
        period_start as month_start,
        channel
    from kpi_targets
    where period_grain = 'month' and segment = 'all'
    group by period_start, channel

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
