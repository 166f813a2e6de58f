{#- One row per ticket that has events: its timeline computed once (first replies, resolution
    path, first and final resolution, reopens, escalations, transfers). Incremental: the tickets
    int_ticket_activity marks for this build. -#}
{{ ticket_incremental_config() }}

with

events as (

    select * from {{ ref('int_ticket_events_ordered') }}
    {{ only_tickets_to_refresh() }}

),

per_ticket as (

    select
        ticket_id,
        min(case when event_type = 'ai_message' then event_at end) as first_ai_message_at,
        min(case when event_type = 'agent_message' then event_at end) as first_agent_message_at,
        {{ count_where("event_type = 'ai_message'") }} as ai_message_count,
        {{ count_where("event_type = 'agent_message'") }} as agent_message_count,
        {{ count_where("event_type = 'agent_message' and ai_assisted") }} as ai_assisted_reply_count,
        {{ count_where("event_type = 'escalated'") }} as escalation_count,
        {{ count_where("event_type = 'transferred'") }} as transfer_count,
        min(case when counts_as_resolution then event_at end) as first_resolved_at,
        max(case when counts_as_resolution then event_at end) as last_resolution_at,
        max(case when counts_as_resolution then event_sequence end) as last_resolution_sequence,
        -- every counted reopen follows a resolution, so the first one is the earliest after first_resolved_at
        min(case when counts_as_reopen then event_at end) as first_reopened_at,
        max(case when counts_as_reopen then event_sequence end) as last_reopen_sequence,
        {{ count_where("counts_as_reopen") }} as reopen_count,
        -- highest tier that received the ticket (escalated / transferred events); tier-2 deflection
        max(case when event_type in ('escalated', 'transferred') then to_tier end) as max_to_tier
    from events
    group by ticket_id

),

with_first_reply as (

    select
        *,
        -- at the same instant an ai_message comes before an agent_message in timeline order
        case
            when
                first_ai_message_at is not null
                and (first_agent_message_at is null or first_ai_message_at <= first_agent_message_at)
                then 'ai'
            when first_agent_message_at is not null then 'agent'
        end as first_reply_by,
        -- resolved now: the last state-changing event was a resolution
        last_resolution_sequence is not null
        and (last_reopen_sequence is null or last_resolution_sequence > last_reopen_sequence) as is_resolved
    from per_ticket

),

final as (

    select
        ticket_id,
        first_reply_by,
        case first_reply_by
            when 'ai' then first_ai_message_at
            when 'agent' then first_agent_message_at
        end as first_response_at,
        first_agent_message_at as first_human_response_at,
        case
            when first_reply_by = 'ai' and agent_message_count = 0 and escalation_count = 0 then 'ai_only'
            when first_reply_by = 'ai' then 'escalated'
            when first_reply_by = 'agent' and (ai_assisted_reply_count > 0 or ai_message_count > 0) then 'assisted'
            when first_reply_by = 'agent' then 'human_only'
            else 'unanswered'
        end as resolution_path,
        ai_message_count,
        agent_message_count,
        escalation_count,
        transfer_count,
        first_resolved_at,
        case when is_resolved then last_resolution_at end as resolved_at,
        is_resolved,
        reopen_count,
        first_reopened_at,
        reopen_count > 0 as is_reopened,
        coalesce(
            first_reopened_at <= {{ dbt.dateadd('hour', var('reopen_window_hours'), 'first_resolved_at') }},
            false
        ) as is_reopened_within_window,
        max_to_tier
    from with_first_reply

)

select * from final
