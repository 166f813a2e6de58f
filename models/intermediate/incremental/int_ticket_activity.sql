{#- One row per accepted ticket: the latest time its ticket and event rows carry (rejected rows
    too: the incremental models read nothing else; survey responses, reviews, ratings and work
    sessions are read by models rebuilt every run), and whether this build recomputes it
    (refreshed_by_invocation = this build's invocation id).

    Incremental run: a ticket is recomputed when a row about it is at or after the previous
    build's latest activity minus var incremental_lookback_days (rows that arrive late, dated
    before the previous export), and so is every ticket of the same customer and category
    (a new ticket moves the previous one's next contact and AI follow-up). When a setting the
    rows depend on changed, or a ticket of the last build is no longer accepted, every ticket is
    recomputed. -#}
{{ ticket_incremental_config('reset_ticket_activity_when_settings_changed', reads_activity=false) }}
{%- set plausible = plausible_timestamp_bounds() %}

with

tickets as (

    select
        ticket_id,
        customer_id,
        category,
        created_at
    from {{ ref('stg_helpdesk__tickets') }}

),

all_activity as (

    select
        ticket_id,
        created_at as activity_at
    from {{ ref('base_helpdesk__tickets') }}
    union all
    select
        ticket_id,
        event_at as activity_at
    from {{ ref('base_helpdesk__ticket_events') }}

),

activity as (

    -- an implausible timestamp (a reject) must not move the watermark to year 9999
    select
        ticket_id,
        activity_at
    from all_activity
    where
        ticket_id is not null
        and activity_at >= {{ plausible['from'] }}
        and activity_at <= {{ plausible['until'] }}

),

latest_activity as (

    select
        ticket_id,
        max(activity_at) as last_activity_at
    from activity
    group by ticket_id

),

per_ticket as (

    select
        tickets.ticket_id,
        tickets.customer_id,
        tickets.category,
        coalesce(latest_activity.last_activity_at, tickets.created_at) as last_activity_at
    from tickets
    left join latest_activity
        on tickets.ticket_id = latest_activity.ticket_id

),

{% if is_incremental() %}
previous_build as (

    -- empty after a reset (pre-hook): then every ticket is recomputed
    select
        {{ dbt.dateadd('day', -1 * var('incremental_lookback_days'), 'max(last_activity_at)') }}
            as recompute_from
    from {{ this }}

),

changed as (

    select distinct activity.ticket_id
    from activity
    cross join previous_build
    where
        previous_build.recompute_from is null
        or activity.activity_at >= previous_build.recompute_from

),

changed_contacts as (

    select distinct
        per_ticket.customer_id,
        per_ticket.category
    from per_ticket
    inner join changed
        on per_ticket.ticket_id = changed.ticket_id

),

to_refresh as (

    select per_ticket.*
    from per_ticket
    where exists (
        select 1
        from changed_contacts
        where
            changed_contacts.customer_id = per_ticket.customer_id
            and changed_contacts.category = per_ticket.category
    )
    or per_ticket.ticket_id in (select changed.ticket_id from changed)

),
{% else %}
to_refresh as (

    select * from per_ticket

),
{% endif %}

final as (

    select
        ticket_id,
        customer_id,
        category,
        last_activity_at,
        '{{ incremental_settings_fingerprint() }}' as settings_fingerprint,
        '{{ invocation_id }}' as refreshed_by_invocation
    from to_refresh

)

select * from final
