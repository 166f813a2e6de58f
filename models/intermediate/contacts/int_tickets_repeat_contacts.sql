{#- One row per accepted ticket: the customer's next ticket in the same category, and whether a
    same-customer same-category ticket followed the first resolution (AI follow-up).
    Incremental: the tickets int_ticket_activity marks for this build, which always include every
    ticket of the same customer and category, so each window below sees all of its tickets. -#}
{{ ticket_incremental_config() }}

with

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}
    {{ only_tickets_to_refresh() }}

),

timeline as (

    select * from {{ ref('int_ticket_events_pivoted_to_tickets') }}

),

next_contacts as (

    select
        ticket_id,
        customer_id,
        category,
        created_at,
        -- the next ticket in (created_at, ticket_id) order; if it is outside the window, so are all later ones
        lead(created_at) over (
            partition by customer_id, category
            order by created_at, ticket_id
        ) as next_contact_created_at
    from tickets

),

followups as (

    select distinct resolved_tickets.ticket_id
    from tickets as resolved_tickets
    inner join timeline
        on resolved_tickets.ticket_id = timeline.ticket_id
    inner join tickets as later_tickets
        on
            resolved_tickets.customer_id = later_tickets.customer_id
            and resolved_tickets.category = later_tickets.category
            and resolved_tickets.ticket_id <> later_tickets.ticket_id
            and timeline.first_resolved_at <= later_tickets.created_at
            and later_tickets.created_at
            <= {{ dbt.dateadd('hour', var('ai_followup_window_hours'), 'timeline.first_resolved_at') }}
    where timeline.first_resolved_at is not null

),

final as (

    select
        next_contacts.ticket_id,
        next_contacts.next_contact_created_at,
        coalesce(
            next_contacts.next_contact_created_at
            <= {{ dbt.dateadd('day', var('repeat_contact_window_days'), 'next_contacts.created_at') }},
            false
        ) as has_repeat_contact,
        followups.ticket_id is not null as has_followup_after_resolution
    from next_contacts
    left join followups
        on next_contacts.ticket_id = followups.ticket_id

)

select * from final
