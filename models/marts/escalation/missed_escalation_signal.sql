{#- One row per month x category with inbound tickets: whether the AI keeps tickets it should hand
    off. Raised when AI-only CSAT is significantly below human-first CSAT (pooled two-proportion
    z-test, one-sided at the var confidence_z, 1.96 = 95%), or when ai_followup_rate is above its
    kpi_targets threshold; never below the kpi_targets minimum sample. -#}
with

kpi_daily as (

    select * from {{ ref('kpi_daily') }}

),

kpi_targets as (

    select * from {{ ref('kpi_targets') }}

),

thresholds as (

    select
        max(case when target_id = 'missed_escalation_signal_min_sample' then target end) as min_sample,
        max(case when target_id = 'missed_escalation_signal_ai_followup_rate' then comparator end)
            as ai_followup_rate_comparator,
        max(case when target_id = 'missed_escalation_signal_ai_followup_rate' then target end)
            as ai_followup_rate_threshold
    from kpi_targets

),

monthly as (

    select
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,
        category,
        cast(sum(csat_ai_only_numerator) as {{ dbt.type_bigint() }}) as csat_ai_only_numerator,
        cast(sum(csat_ai_only_denominator) as {{ dbt.type_bigint() }}) as csat_ai_only_denominator,
        -- human CSAT: the paths a person handled from the first reply (human_only and assisted);
        -- escalated tickets are left out, they are what the test judges
        cast(sum(csat_human_only_numerator + csat_assisted_numerator) as {{ dbt.type_bigint() }})
            as csat_human_first_numerator,
        cast(sum(csat_human_only_denominator + csat_assisted_denominator) as {{ dbt.type_bigint() }})
            as csat_human_first_denominator,
        cast(sum(ai_followup_rate_numerator) as {{ dbt.type_bigint() }}) as ai_followup_rate_numerator,
        cast(sum(ai_followup_rate_denominator) as {{ dbt.type_bigint() }}) as ai_followup_rate_denominator
    from kpi_daily
    group by cast({{ dbt.date_trunc('month', 'date_day') }} as date), category

),

tested as (

    select
        monthly.month_start,
        monthly.category,
        {{ rate_columns('csat_ai_only') }},
        {{ rate_columns('csat_human_first') }},
        {{ safe_divide('csat_human_first_numerator', 'csat_human_first_denominator') }}
        - {{ safe_divide('csat_ai_only_numerator', 'csat_ai_only_denominator') }} as csat_gap,
        {{ two_proportion_z(
            'csat_ai_only_numerator', 'csat_ai_only_denominator',
            'csat_human_first_numerator', 'csat_human_first_denominator'
        ) }} as csat_gap_z,
        {{ rate_columns('ai_followup_rate') }},
        thresholds.min_sample,
        thresholds.ai_followup_rate_threshold,
        thresholds.ai_followup_rate_comparator
    from monthly
    cross join thresholds

),

flagged as (

    select
        *,
        -- NULL when survey_responses is missing; false below the minimum sample of either arm
        case
            when csat_ai_only_denominator is null or csat_human_first_denominator is null then null
            when csat_ai_only_denominator < min_sample or csat_human_first_denominator < min_sample then false
            else coalesce(csat_gap_z > {{ var('confidence_z') }}, false)
        end as has_csat_gap_signal,
        case
            when ai_followup_rate_denominator is null then null
            when ai_followup_rate_denominator < min_sample then false
            else not {{ meets_target('ai_followup_rate', 'ai_followup_rate_comparator', 'ai_followup_rate_threshold') }}
        end as has_ai_followup_signal
    from tested

),

final as (

    select
        month_start,
        category,
        csat_ai_only_numerator,
        csat_ai_only_denominator,
        csat_ai_only,
        csat_ai_only_ci_low,
        csat_ai_only_ci_high,
        csat_human_first_numerator,
        csat_human_first_denominator,
        csat_human_first,
        csat_human_first_ci_low,
        csat_human_first_ci_high,
        csat_gap,
        csat_gap_z,
        ai_followup_rate_numerator,
        ai_followup_rate_denominator,
        ai_followup_rate,
        ai_followup_rate_ci_low,
        ai_followup_rate_ci_high,
        min_sample,
        ai_followup_rate_threshold,
        has_csat_gap_signal,
        has_ai_followup_signal,
        has_csat_gap_signal or has_ai_followup_signal as missed_escalation_signal
    from flagged

)

select *, {{ build_id() }} as build_id from final
