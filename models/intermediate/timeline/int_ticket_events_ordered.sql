{#- One row per accepted event, in timeline order, with the resolution state rules applied.
    Incremental: the events of the tickets int_ticket_activity marks for this build. -#}
{{ ticket_incremental_config() }}

with

events as (

    select * from {{ ref('stg_helpdesk__ticket_events') }}
    {{ only_tickets_to_refresh() }}

),

ordered as (

    select
        events.*,
        -- timeline order: time, then type in the contract's order, then id
        row_number() over (
            partition by events.ticket_id
            order by
                events.event_at,
                case events.event_type
                    when 'customer_message' then 1
                    when 'system_message' then 2
                    when 'ai_message' then 3
                    when 'agent_message' then 4
                    when 'escalated' then 5
                    when 'transferred' then 6
                    when 'resolved' then 7
                    when 'reopened' then 8
                    when 'closed' then 9
                end,
                events.event_id
        ) as event_sequence
    from events

),

state_events as (

    -- resolved / closed / reopened move the ticket between open and resolved; the state after
    -- any of them depends only on the one before: after resolved or closed it is resolved,
    -- after reopened it is open
    select
        event_id,
        lag(event_type) over (partition by ticket_id order by event_sequence) as previous_state_event_type
    from ordered
    where event_type in ('resolved', 'closed', 'reopened')

),

final as (

    select
        ordered.event_id,
        ordered.ticket_id,
        ordered.event_at,
        ordered.event_type,
        ordered.actor_id,
        ordered.to_tier,
        ordered.ai_assisted,
        ordered.event_sequence,
        -- `resolved` always resolves; `closed` only resolves a ticket that is open at that moment
        case
            when ordered.event_type = 'resolved' then true
            when ordered.event_type = 'closed'
                then
                    state_events.previous_state_event_type is null
                    or state_events.previous_state_event_type = 'reopened'
            else false
        end as counts_as_resolution,
        -- a `reopened` event on a ticket that is not resolved at that moment is ignored
        coalesce(
            ordered.event_type = 'reopened'
            and state_events.previous_state_event_type in ('resolved', 'closed'),
            false
        ) as counts_as_reopen
    from ordered
    left join state_events
        on ordered.event_id = state_events.event_id

)

select * from final
