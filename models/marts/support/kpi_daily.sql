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
        sum(case when is_ai_handled then 1 else 0 end) as ai_handled_conversations,

        sum(case when resolution_path = 'ai_only' then 1 else 0 end) as ai_handle_rate_numerator,
        count(*) as ai_handle_rate_denominator,

        sum(case when is_deflection_pending then 1 else 0 end) as deflection_pending,
        sum(case when is_ai_resolved then 1 else 0 end) as deflection_rate_numerator,
        sum(case when is_deflection_pending then 0 else 1 end) as deflection_rate_denominator,
        sum(case when is_ai_resolved and ai_eligible then 1 else 0 end) as deflection_rate_adjusted_numerator,
        sum(case when ai_eligible and not is_deflection_pending then 1 else 0 end) as deflection_rate_adjusted_denominator,

        sum(case when resolution_path = 'escalated' then 1 else 0 end) as ai_escalation_rate_numerator,
        sum(case when is_ai_handled then 1 else 0 end) as ai_escalation_rate_denominator,
        sum(case when is_escalated then 1 else 0 end) as escalation_rate_numerator,
        count(*) as escalation_rate_denominator,
        sum(case when is_transferred then 1 else 0 end) as transfer_rate_numerator,
        count(*) as transfer_rate_denominator,

        sum(case when is_fcr_pending then 1 else 0 end) as fcr_pending,
        sum(case when first_resolved_at is not null and not is_fcr_pending and not is_reopened_within_window then 1 else 0 end)
            as fcr_rate_numerator,
        sum(case when first_resolved_at is not null and not is_fcr_pending then 1 else 0 end) as fcr_rate_denominator,
        sum(case when first_resolved_at is not null and is_reopened then 1 else 0 end) as reopen_rate_numerator,
        sum(case when first_resolved_at is not null then 1 else 0 end) as reopen_rate_denominator,

        sum(case when is_repeat_contact_pending then 1 else 0 end) as repeat_contact_pending,
        sum(case when has_repeat_contact then 1 else 0 end) as repeat_contact_rate_numerator,
        sum(case when is_repeat_contact_pending then 0 else 1 end) as repeat_contact_rate_denominator,

        sum(case when is_ai_followup_pending then 1 else 0 end) as ai_followup_pending,
        sum(case when is_ai_resolved and has_ai_followup then 1 else 0 end) as ai_followup_rate_numerator,
        sum(case when is_ai_resolved and not is_ai_followup_pending then 1 else 0 end) as ai_followup_rate_denominator,

        -- CSAT parts are NULL when survey_responses is missing (csat_score is NULL then, and so is
        -- has_survey_responses-dependent counting below)
        {%- for path in [none, 'ai_only', 'escalated', 'assisted', 'human_only', 'unanswered'] %}
        {%- set metric = 'csat' if path is none else 'csat_' ~ path %}
        {%- set in_path = 'true' if path is none else "resolution_path = '" ~ path ~ "'" %}
        case
            when {{ dbt.bool_or('has_survey_responses') }} then
                sum(case when {{ in_path }} and is_csat_positive then 1 else 0 end)
        end as {{ metric }}_numerator,
        case
            when {{ dbt.bool_or('has_survey_responses') }} then
                sum(case when {{ in_path }} and csat_score is not null then 1 else 0 end)
        end as {{ metric }}_denominator,
        {%- endfor %}
        case
            when {{ dbt.bool_or('has_survey_responses') }} then
                sum(case when first_resolved_at is not null and csat_score is not null then 1 else 0 end)
        end as csat_response_rate_numerator,
        case
            when {{ dbt.bool_or('has_survey_responses') }} then
                sum(case when first_resolved_at is not null then 1 else 0 end)
        end as csat_response_rate_denominator,

        coalesce(sum(first_response_seconds), 0) as first_response_time_sum,
        count(first_response_seconds) as first_response_time_count,
        coalesce(sum(first_human_response_seconds), 0) as first_human_response_time_sum,
        count(first_human_response_seconds) as first_human_response_time_count,
        coalesce(sum(resolution_hours), 0) as time_to_resolution_sum,
        count(resolution_hours) as time_to_resolution_count,
        case when {{ dbt.bool_or('has_agent_work_sessions') }} then coalesce(sum(handle_seconds), 0) end as aht_sum,
        case when {{ dbt.bool_or('has_agent_work_sessions') }} then count(handle_seconds) end as aht_count

    from tickets
    group by created_date, channel, category

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
        ai_followup_pending
    from parts

)

select * from final
