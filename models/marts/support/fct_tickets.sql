{#- One row per accepted ticket: its attributes, timeline and every per-ticket KPI flag, with
    windowed outcomes judged at `as_of`. No personal data. -#}
with

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

timeline as (

    select * from {{ ref('int_ticket_events_pivoted_to_tickets') }}

),

repeat_contacts as (

    select * from {{ ref('int_tickets_repeat_contacts') }}

),

handle_time as (

    select * from {{ ref('int_tickets_handle_time') }}

),

survey_scores as (

    select * from {{ ref('int_tickets_survey_scores') }}

),

escalation_reviews as (

    select * from {{ ref('int_tickets_escalation_reviews') }}

),

handoff_ratings as (

    select * from {{ ref('int_tickets_handoff_ratings') }}

),

exports as (

    select * from {{ ref('int_export_presence') }}

),

as_of as (

    select * from {{ ref('int_export_as_of') }}

),

first_reply_sla as (

    select * from {{ ref('int_tickets_first_reply_sla') }}

),

customer_message_responses as (

    -- every customer message's wait for the next reply
    select
        ticket_id,
        sum(response_seconds) as response_seconds_sum,
        count(response_seconds) as response_count
    from {{ ref('int_customer_message_responses') }}
    group by ticket_id

),

joined as (

    select
        tickets.ticket_id,
        tickets.customer_id,
        tickets.channel,
        tickets.category,
        tickets.intent,
        tickets.priority,
        tickets.created_at,
        tickets.created_date,
        tickets.ai_eligible,
        tickets.ai_confidence,
        tickets.order_value,
        tickets.sentiment_score,
        coalesce(timeline.resolution_path, 'unanswered') as resolution_path,
        timeline.first_response_at,
        timeline.first_human_response_at,
        timeline.first_resolved_at,
        timeline.resolved_at,
        coalesce(timeline.is_resolved, false) as is_resolved,
        coalesce(timeline.is_reopened, false) as is_reopened,
        coalesce(timeline.is_reopened_within_window, false) as is_reopened_within_window,
        coalesce(timeline.reopen_count, 0) as reopen_count,
        coalesce(timeline.escalation_count, 0) as escalation_count,
        coalesce(timeline.transfer_count, 0) as transfer_count,
        repeat_contacts.next_contact_created_at,
        repeat_contacts.has_repeat_contact,
        repeat_contacts.has_followup_after_resolution,
        handle_time.handle_seconds,
        case when exports.has_survey_responses then survey_scores.csat_score end as csat_score,
        case when exports.has_survey_responses then survey_scores.ces_score end as ces_score,
        exports.has_survey_responses,
        exports.has_agent_work_sessions,
        case when exports.has_escalation_reviews then escalation_reviews.needed_human end as review_needed_human,
        case when exports.has_escalation_reviews then escalation_reviews.sample_weight end as review_sample_weight,
        case when exports.has_handoff_ratings then handoff_ratings.handoff_score end as handoff_score,
        exports.has_escalation_reviews,
        exports.has_handoff_ratings,
        as_of.as_of,
        -- window ends (closed intervals: an event exactly at the end is inside)
        {{ dbt.dateadd('hour', var('reopen_window_hours'), 'timeline.first_resolved_at') }} as reopen_window_ends_at,
        {{ dbt.dateadd('day', var('repeat_contact_window_days'), 'tickets.created_at') }} as repeat_contact_window_ends_at,
        {{ dbt.dateadd('hour', var('ai_followup_window_hours'), 'timeline.first_resolved_at') }} as ai_followup_window_ends_at,
        timeline.max_to_tier,
        first_reply_sla.ticket_id is not null as has_first_reply_sla_target,
        first_reply_sla.use_business_hours as first_reply_sla_uses_business_hours,
        first_reply_sla.target_seconds as first_reply_sla_target_seconds,
        first_reply_sla.elapsed_seconds as first_reply_sla_elapsed_seconds,
        coalesce(first_reply_sla.is_met, false) as is_first_reply_sla_met,
        coalesce(first_reply_sla.is_pending, false) as is_first_reply_sla_pending,
        coalesce(customer_message_responses.response_seconds_sum, 0) as response_seconds_sum,
        coalesce(customer_message_responses.response_count, 0) as response_count,
        -- deflection ladder, rung 1: the AI took part at all (any ai_message, whoever replied first)
        coalesce(timeline.ai_message_count, 0) as ai_message_count
    from tickets
    left join timeline
        on tickets.ticket_id = timeline.ticket_id
    left join repeat_contacts
        on tickets.ticket_id = repeat_contacts.ticket_id
    left join handle_time
        on tickets.ticket_id = handle_time.ticket_id
    left join survey_scores
        on tickets.ticket_id = survey_scores.ticket_id
    left join escalation_reviews
        on tickets.ticket_id = escalation_reviews.ticket_id
    left join handoff_ratings
        on tickets.ticket_id = handoff_ratings.ticket_id
    left join first_reply_sla
        on tickets.ticket_id = first_reply_sla.ticket_id
    left join customer_message_responses
        on tickets.ticket_id = customer_message_responses.ticket_id
    cross join exports
    cross join as_of

),

flagged as (

    select
        *,
        resolution_path in ('ai_only', 'escalated') as is_ai_handled,
        resolution_path = 'escalated' or escalation_count > 0 as is_escalated,
        transfer_count > 0 as is_transferred,
        -- an outcome is final only once its window has closed by as_of, whatever happened inside
        -- it: judging early failures at once while early successes wait would select on the outcome
        first_resolved_at is not null
        and reopen_window_ends_at > as_of as is_reopen_outcome_pending,
        repeat_contact_window_ends_at > as_of as is_repeat_contact_pending
    from joined

),

final as (

    select
        ticket_id,
        customer_id,
        channel,
        category,
        intent,
        priority,
        created_at,
        created_date,
        ai_eligible,
        ai_confidence,
        order_value,
        sentiment_score,
        resolution_path,
        first_response_at,
        {{ seconds_between('created_at', 'first_response_at') }} as first_response_seconds,
        first_human_response_at,
        {{ seconds_between('created_at', 'first_human_response_at') }} as first_human_response_seconds,
        first_resolved_at,
        resolved_at,
        {{ seconds_between('created_at', 'resolved_at') }} / 3600.0 as resolution_hours,
        is_resolved,
        is_reopened,
        is_reopened_within_window,
        reopen_count,
        is_escalated,
        escalation_count,
        is_ai_handled,
        resolution_path = 'ai_only'
        and first_resolved_at is not null
        and not is_reopened_within_window
        and not is_reopen_outcome_pending as is_ai_resolved,
        -- deflection: AI-only tickets with a first resolution whose reopen window is still open
        resolution_path = 'ai_only' and is_reopen_outcome_pending as is_deflection_pending,
        resolution_path = 'ai_only' and is_reopen_outcome_pending and is_reopened_within_window
            as is_deflection_pending_failure,
        -- FCR: tickets ever resolved whose outcome is not final yet (early warning: a reopen seen)
        is_reopen_outcome_pending as is_fcr_pending,
        is_reopen_outcome_pending and is_reopened_within_window as is_fcr_pending_failure,
        is_transferred,
        transfer_count,
        next_contact_created_at,
        has_repeat_contact,
        is_repeat_contact_pending,
        is_repeat_contact_pending and has_repeat_contact as is_repeat_contact_pending_failure,
        resolution_path = 'ai_only'
        and first_resolved_at is not null
        and has_followup_after_resolution as has_ai_followup,
        -- only when ai_followup_window_hours > reopen_window_hours can an AI-resolved ticket still wait
        resolution_path = 'ai_only'
        and first_resolved_at is not null
        and not is_reopened_within_window
        and not is_reopen_outcome_pending
        and ai_followup_window_ends_at > as_of as is_ai_followup_pending,
        case when has_agent_work_sessions then handle_seconds end as handle_seconds,
        csat_score,
        csat_score >= 4 as is_csat_positive,
        ces_score,
        has_survey_responses,
        has_agent_work_sessions,
        as_of,
        review_needed_human,
        review_sample_weight,
        -- reviews count only for AI-handled tickets; "was escalated" means path `escalated`
        case
            when has_escalation_reviews then is_ai_handled and review_needed_human is not null
        end as is_escalation_reviewed,
        handoff_score,
        has_escalation_reviews,
        has_handoff_ratings,

        -- ---- strict FCR and tier-2 work ----
        -- strict FCR is pending while the reopen or the repeat-contact window is still open at
        -- as_of, whatever failed already (reopen in window, escalation, transfer, repeat contact)
        first_resolved_at is not null
        and (is_reopened_within_window or is_escalated or is_transferred or has_repeat_contact)
        and not (is_reopen_outcome_pending or is_repeat_contact_pending) as is_fcr_strict_failed,
        first_resolved_at is not null
        and (is_reopen_outcome_pending or is_repeat_contact_pending) as is_fcr_strict_pending,
        first_resolved_at is not null
        and (is_reopened_within_window or is_escalated or is_transferred or has_repeat_contact)
        and (is_reopen_outcome_pending or is_repeat_contact_pending) as is_fcr_strict_pending_failure,
        first_resolved_at is not null
        and not (is_reopened_within_window or is_escalated or is_transferred or has_repeat_contact)
        and not (is_reopen_outcome_pending or is_repeat_contact_pending) as is_fcr_strict,
        max_to_tier,
        coalesce(max_to_tier >= {{ var('tier2_min_tier') }}, false) as is_tier2,

        -- ---- first-reply SLA ----
        has_first_reply_sla_target,
        first_reply_sla_uses_business_hours,
        first_reply_sla_target_seconds,
        first_reply_sla_elapsed_seconds,
        is_first_reply_sla_met,
        is_first_reply_sla_pending,

        -- ---- response time over every customer message ----
        response_seconds_sum,
        response_count,

        -- ---- deflection ladder: any ai_message on the ticket (rung 1) ----
        ai_message_count,
        ai_message_count > 0 as has_ai_message
    from flagged

)

select *, {{ build_id() }} as build_id from final
