{#- One row per date_day x channel x category with inbound tickets (cohort view: every ticket
    counts on its creation day in reporting_timezone). Every KPI is stored as additive parts;
    ratios and Wilson bounds are derived from them in `final`. -#}
{%- set rate_metrics = [
    'ai_handle_rate', 'deflection_rate', 'deflection_rate_adjusted', 'ai_escalation_rate',
    'escalation_rate', 'transfer_rate', 'fcr_rate', 'reopen_rate', 'repeat_contact_rate',
    'ai_followup_rate', 'csat', 'csat_ai_only', 'csat_escalated', 'csat_assisted',
    'csat_human_only', 'csat_unanswered', 'csat_response_rate',
] -%}
{%- set mean_metrics = ['first_response_time', 'first_human_response_time', 'time_to_resolution', 'aht'] -%}
{#- Weighted review rates: (metric, denominator condition, numerator condition), both inside the
    reviewed AI-handled tickets (`is_escalation_reviewed`); a reviewed ticket "was escalated" when
    its path is `escalated`. -#}
{%- set weighted_rate_metrics = [
    ('escalation_precision', "resolution_path = 'escalated'", "review_needed_human"),
    ('escalation_recall', "review_needed_human", "resolution_path = 'escalated'"),
    ('false_escalation_rate', "resolution_path = 'escalated'", "not review_needed_human"),
    ('missed_escalation_rate', "resolution_path <> 'escalated'", "review_needed_human"),
] -%}
{#- Shares of the handoff score distribution (latest rating per ticket): good >= 4, bad <= 2. -#}
{%- set handoff_share_metrics = [
    ('escalation_quality_share_score_1_2', "handoff_score <= 2"),
    ('escalation_quality_share_score_3', "handoff_score = 3"),
    ('escalation_quality_share_score_4_5', "handoff_score >= 4"),
] -%}
{#- completed catalogue (issue 4): kept in their own lists and blocks so each part stays separate -#}
{%- set catalogue_rate_metrics = ['fcr_strict_rate', 'complaint_resolution_csat', 'tier2_share', 'first_reply_sla_compliance'] -%}
{%- set catalogue_mean_metrics = [
    'ces', 'ces_ai_only', 'ces_escalated', 'ces_assisted', 'ces_human_only', 'ces_unanswered', 'sentiment_score',
    'avg_response_time',
] -%}
with

tickets as (

    select * from {{ ref('fct_tickets') }}

),

parts as (

    select
        created_date as date_day,
        channel,
        category,

        count(*) as inbound_conversations,
        {{ count_where("is_ai_handled") }} as ai_handled_conversations,

        {{ count_where("resolution_path = 'ai_only'") }} as ai_handle_rate_numerator,
        count(*) as ai_handle_rate_denominator,

        {{ count_where("is_deflection_pending") }} as deflection_pending,
        {{ count_where("is_deflection_pending_failure") }} as deflection_pending_failures,
        {{ count_where("is_ai_resolved") }} as deflection_rate_numerator,
        {{ count_where("not is_deflection_pending") }} as deflection_rate_denominator,
        {{ count_where("is_ai_resolved and ai_eligible") }} as deflection_rate_adjusted_numerator,
        {{ count_where("ai_eligible and not is_deflection_pending") }} as deflection_rate_adjusted_denominator,

        {{ count_where("resolution_path = 'escalated'") }} as ai_escalation_rate_numerator,
        {{ count_where("is_ai_handled") }} as ai_escalation_rate_denominator,
        {{ count_where("is_escalated") }} as escalation_rate_numerator,
        count(*) as escalation_rate_denominator,
        {{ count_where("is_transferred") }} as transfer_rate_numerator,
        count(*) as transfer_rate_denominator,

        {{ count_where("is_fcr_pending") }} as fcr_pending,
        {{ count_where("is_fcr_pending_failure") }} as fcr_pending_failures,
        {{ count_where("first_resolved_at is not null and not is_fcr_pending and not is_reopened_within_window") }}
            as fcr_rate_numerator,
        {{ count_where("first_resolved_at is not null and not is_fcr_pending") }} as fcr_rate_denominator,
        {{ count_where("first_resolved_at is not null and is_reopened") }} as reopen_rate_numerator,
        {{ count_where("first_resolved_at is not null") }} as reopen_rate_denominator,

        {{ count_where("is_repeat_contact_pending") }} as repeat_contact_pending,
        {{ count_where("is_repeat_contact_pending_failure") }} as repeat_contact_pending_failures,
        {{ count_where("has_repeat_contact and not is_repeat_contact_pending") }} as repeat_contact_rate_numerator,
        {{ count_where("not is_repeat_contact_pending") }} as repeat_contact_rate_denominator,

        {{ count_where("is_ai_followup_pending") }} as ai_followup_pending,
        {{ count_where("is_ai_resolved and has_ai_followup and not is_ai_followup_pending") }}
            as ai_followup_rate_numerator,
        {{ count_where("is_ai_resolved and not is_ai_followup_pending") }} as ai_followup_rate_denominator,

        -- CSAT parts are NULL when survey_responses is missing (csat_score is NULL then, and so is
        -- has_survey_responses-dependent counting below)
        {%- for path in [none, 'ai_only', 'escalated', 'assisted', 'human_only', 'unanswered'] %}
        {%- set metric = 'csat' if path is none else 'csat_' ~ path %}
        {%- set in_path = 'true' if path is none else "resolution_path = '" ~ path ~ "'" %}
        case
            when {{ dbt.bool_or('has_survey_responses') }} then
                {{ count_where(in_path ~ " and is_csat_positive") }}
        end as {{ metric }}_numerator,
        case
            when {{ dbt.bool_or('has_survey_responses') }} then
                {{ count_where(in_path ~ " and csat_score is not null") }}
        end as {{ metric }}_denominator,
        {%- endfor %}
        case
            when {{ dbt.bool_or('has_survey_responses') }} then
                {{ count_where("first_resolved_at is not null and csat_score is not null") }}
        end as csat_response_rate_numerator,
        case
            when {{ dbt.bool_or('has_survey_responses') }} then
                {{ count_where("first_resolved_at is not null") }}
        end as csat_response_rate_denominator,

        coalesce(sum(first_response_seconds), 0) as first_response_time_sum,
        count(first_response_seconds) as first_response_time_count,
        coalesce(sum(first_human_response_seconds), 0) as first_human_response_time_sum,
        count(first_human_response_seconds) as first_human_response_time_count,
        coalesce(sum(resolution_hours), 0) as time_to_resolution_sum,
        count(resolution_hours) as time_to_resolution_count,
        case when {{ dbt.bool_or('has_agent_work_sessions') }} then coalesce(sum(handle_seconds), 0) end as aht_sum,
        case when {{ dbt.bool_or('has_agent_work_sessions') }} then count(handle_seconds) end as aht_count,

        -- escalation reviews (NULL when the export is missing), weighted by sample_weight
        case
            when {{ dbt.bool_or('has_escalation_reviews') }} then {{ count_where("is_escalation_reviewed") }}
        end as escalation_reviewed_tickets,
        {%- for metric, in_denominator, in_numerator in weighted_rate_metrics %}
        {%- set in_reviewed_denominator = 'is_escalation_reviewed and ' ~ in_denominator %}
        case
            when {{ dbt.bool_or('has_escalation_reviews') }} then
                {{ weighted_sum_where('review_sample_weight', in_reviewed_denominator ~ ' and ' ~ in_numerator) }}
        end as {{ metric }}_numerator,
        case
            when {{ dbt.bool_or('has_escalation_reviews') }} then
                {{ weighted_sum_where('review_sample_weight', in_reviewed_denominator) }}
        end as {{ metric }}_denominator,
        case
            when {{ dbt.bool_or('has_escalation_reviews') }} then
                {{ weighted_sum_where('review_sample_weight * review_sample_weight', in_reviewed_denominator) }}
        end as {{ metric }}_weight_sq_sum,
        {%- endfor %}

        -- handoff ratings (NULL when the export is missing): every rated ticket, latest rating
        case
            when {{ dbt.bool_or('has_handoff_ratings') }} then coalesce(sum(handoff_score), 0)
        end as escalation_quality_score_sum,
        case when {{ dbt.bool_or('has_handoff_ratings') }} then count(handoff_score) end as escalation_quality_score_count,
        {%- for metric, condition in handoff_share_metrics %}
        case when {{ dbt.bool_or('has_handoff_ratings') }} then {{ count_where(condition) }} end as {{ metric }}_numerator,
        case when {{ dbt.bool_or('has_handoff_ratings') }} then count(handoff_score) end as {{ metric }}_denominator,
        {%- endfor %}
        case
            when {{ dbt.bool_or('has_handoff_ratings') }} then
                coalesce(sum(case when handoff_score >= 4 then resolution_hours end), 0)
        end as time_to_resolution_good_handoff_sum,
        case
            when {{ dbt.bool_or('has_handoff_ratings') }} then
                {{ count_where("handoff_score >= 4 and resolution_hours is not null") }}
        end as time_to_resolution_good_handoff_count,
        case
            when {{ dbt.bool_or('has_handoff_ratings') }} then
                coalesce(sum(case when handoff_score <= 2 then resolution_hours end), 0)
        end as time_to_resolution_bad_handoff_sum,
        case
            when {{ dbt.bool_or('has_handoff_ratings') }} then
                {{ count_where("handoff_score <= 2 and resolution_hours is not null") }}
        end as time_to_resolution_bad_handoff_count,

        -- ---- completed catalogue (issue 4) ----
        {{ count_where("is_fcr_strict_pending") }} as fcr_strict_pending,
        {{ count_where("is_fcr_strict_pending_failure") }} as fcr_strict_pending_failures,
        {{ count_where("is_fcr_strict") }} as fcr_strict_rate_numerator,
        {{ count_where("first_resolved_at is not null and not is_fcr_strict_pending") }} as fcr_strict_rate_denominator,
        case
            when {{ dbt.bool_or('has_survey_responses') }} then
                {{ count_where("category = 'complaint' and is_csat_positive") }}
        end as complaint_resolution_csat_numerator,
        case
            when {{ dbt.bool_or('has_survey_responses') }} then
                {{ count_where("category = 'complaint' and csat_score is not null") }}
        end as complaint_resolution_csat_denominator,
        {%- for path in [none, 'ai_only', 'escalated', 'assisted', 'human_only', 'unanswered'] %}
        {%- set metric = 'ces' if path is none else 'ces_' ~ path %}
        {%- set in_path = 'true' if path is none else "resolution_path = '" ~ path ~ "'" %}
        case
            when {{ dbt.bool_or('has_survey_responses') }} then
                coalesce(sum(case when {{ in_path }} then ces_score end), 0)
        end as {{ metric }}_sum,
        case
            when {{ dbt.bool_or('has_survey_responses') }} then
                {{ count_where(in_path ~ " and ces_score is not null") }}
        end as {{ metric }}_count,
        {%- endfor %}
        coalesce(sum(sentiment_score), 0) as sentiment_score_sum,
        count(sentiment_score) as sentiment_score_count,
        {{ count_where("is_tier2") }} as tier2_share_numerator,
        count(*) as tier2_share_denominator,
        {{ count_where("is_first_reply_sla_pending") }} as first_reply_sla_pending,
        {{ count_where("is_first_reply_sla_met") }} as first_reply_sla_compliance_numerator,
        {{ count_where("has_first_reply_sla_target and not is_first_reply_sla_pending") }}
            as first_reply_sla_compliance_denominator,
        coalesce(sum(response_seconds_sum), 0) as avg_response_time_sum,
        coalesce(sum(response_count), 0) as avg_response_time_count

    from tickets
    group by created_date, channel, category

),

tier2_baseline as (

    -- pre-AI tier-2 share per channel x category (tickets created before ai_launch_date)
    select
        channel,
        category,
        {{ safe_divide(count_where("is_tier2"), "count(*)") }} as baseline_tier2_share
    from tickets
    where created_date < cast('{{ var("ai_launch_date") }}' as date)
    group by channel, category

),

parts_with_baseline as (

    -- volume- and mix-adjusted: expected tier-2 tickets = this row's inbound x its cell's
    -- baseline share, so the parts add up over days, channels and categories (direct
    -- standardisation); measured from ai_launch_date on, NULL where the cell has no baseline
    select
        parts.*,
        case
            when parts.date_day >= cast('{{ var("ai_launch_date") }}' as date)
                then parts.inbound_conversations * tier2_baseline.baseline_tier2_share
        end as tier2_deflection_rate_denominator,
        case
            when parts.date_day >= cast('{{ var("ai_launch_date") }}' as date)
                then
                    parts.inbound_conversations * tier2_baseline.baseline_tier2_share
                    - parts.tier2_share_numerator
        end as tier2_deflection_rate_numerator
    from parts
    left join tier2_baseline
        on
            parts.channel = tier2_baseline.channel
            and parts.category = tier2_baseline.category

),

final as (

    select
        date_day,
        channel,
        category,
        inbound_conversations,
        ai_handled_conversations,
        {%- for metric in rate_metrics %}
        {{ rate_columns(metric) }},
        {%- endfor %}
        {%- for metric in mean_metrics %}
        {{ mean_columns(metric) }},
        {%- endfor %}
        deflection_pending,
        fcr_pending,
        repeat_contact_pending,
        ai_followup_pending,
        -- failures already seen among the pending tickets: an early warning, never part of a rate
        deflection_pending_failures,
        fcr_pending_failures,
        repeat_contact_pending_failures,
        escalation_reviewed_tickets,
        {%- for metric, in_denominator, in_numerator in weighted_rate_metrics %}
        {{ weighted_rate_columns(metric) }},
        {%- endfor %}
        {{ mean_columns('escalation_quality_score') }},
        {%- for metric, condition in handoff_share_metrics %}
        {{ rate_columns(metric) }},
        {%- endfor %}
        {{ mean_columns('time_to_resolution_good_handoff') }},
        {{ mean_columns('time_to_resolution_bad_handoff') }},

        -- ---- completed catalogue (issue 4) ----
        {%- for metric in catalogue_rate_metrics %}
        {{ rate_columns(metric) }},
        {%- endfor %}
        {%- for metric in catalogue_mean_metrics %}
        {{ mean_columns(metric) }},
        {%- endfor %}
        fcr_strict_pending,
        fcr_strict_pending_failures,
        first_reply_sla_pending,
        tier2_deflection_rate_numerator,
        tier2_deflection_rate_denominator,
        {{ safe_divide('tier2_deflection_rate_numerator', 'tier2_deflection_rate_denominator') }} as tier2_deflection_rate
    from parts_with_baseline

)

select *, {{ build_id() }} as build_id from final
