{#- One row per row of the Zendesk `ticket_comment` and `ticket_field_history` tables: the
    contract event it becomes, or why it is dropped (`drop_reason`).
    Comments: internal notes (public = false) are not replies (dropped); the AI agent's users (var
    ai_agent_user_ids) write ai_message; other bots and automations (var system_user_ids)
    system_message; the requester, and other end users, customer_message; agents and admins
    agent_message. Field history: status solved -> resolved, closed -> closed, a change from
    solved or closed back to new/open/pending/hold -> reopened; group_id to a group of seed
    escalation_groups -> escalated (to_tier from the seed); assignee_id from one agent to
    another -> transferred. -#}
{%- set ai_users = var('ai_agent_user_ids', []) -%}
{%- set system_users = var('system_user_ids', []) -%}
{%- set history_key = [
    "trim(ticket_id)", "'|'", "field", "'|'", "coalesce(trim(updated), '')", "'|'", "coalesce(new_value, '')",
] -%}
{%- set history_event_id = [
    "'field-'", "trim(ticket_id)", "'-'", "field", "'-'", "coalesce(trim(updated), '')", "'-'", "coalesce(new_value, '')",
] -%}
with

source_comments as (

    select * from {{ ref('zendesk__source_ticket_comment') }}

),

source_history as (

    select * from {{ ref('zendesk__source_ticket_field_history') }}

),

ticket_keys as (

    select * from {{ ref('zendesk__ticket_keys') }}

),

source_users as (

    select * from {{ ref('zendesk__source_user') }}

),

source_groups as (

    select * from {{ ref('zendesk__source_group') }}

),

escalation_groups as (

    select * from {{ ref('escalation_groups') }}
    where source_system = 'zendesk'

),

tickets as (

    select
        source_relation,
        ticket_id,
        trim(requester_id) as requester_id,
        is_deleted
    from ticket_keys

),

users as (

    select
        source_relation,
        trim(id) as user_id,
        lower(trim(role)) as user_role
    from source_users

),

comments_with_ticket as (

    {{ connector_rows_with_parent(
        'source_comments', 'tickets', 'trim(source_comments.ticket_id)', 'ticket_id', 'known_ticket_id',
        parent_columns=['requester_id'],
    ) }}

),

comments as (

    select
        comments_with_ticket.*,
        {{ parse_boolean('trim(comments_with_ticket.public)') }} as is_public,
        case
            when {{ connector_id_in_list('comments_with_ticket.user_id', ai_users, 'comments_with_ticket.source_relation') }}
                then 'ai_message'
            when {{ connector_id_in_list('comments_with_ticket.user_id', system_users, 'comments_with_ticket.source_relation') }}
                then 'system_message'
            when trim(comments_with_ticket.user_id) = comments_with_ticket.requester_id then 'customer_message'
            when users.user_role in ('agent', 'admin') then 'agent_message'
            when users.user_role = 'end-user' then 'customer_message'
        end as mapped_event_type
    from comments_with_ticket
    left join users
        on
            comments_with_ticket.source_relation = users.source_relation
            and trim(comments_with_ticket.user_id) = users.user_id

),

comment_rows as (

    select
        'ticket_comment' as source_table,
        source_relation,
        id as source_key,
        {% call connector_drop_reason('ticket', known_parent='known_ticket_id') %}
            when {{ connector_deleted('_fivetran_deleted') }} then 'deleted_comment'
            when is_public is null then 'unknown_visibility'
            when not is_public then 'internal_note'
            when mapped_event_type is null then 'unknown_author'
        {%- endcall %} as drop_reason,
        {{ connector_id('zendesk', dbt.concat(["'comment-'", 'trim(id)'])) }} as event_id,
        {{ connector_id('zendesk', 'trim(ticket_id)') }} as ticket_id,
        {{ connector_timestamp_text('created') }} as event_at,
        mapped_event_type as event_type,
        case when mapped_event_type = 'agent_message' then {{ connector_id('zendesk', 'trim(user_id)') }} end as actor_id,
        cast(null as {{ dbt.type_string() }}) as to_tier,
        {{ connector_timestamp_text('_fivetran_synced') }} as synced_at
    from comments

),

history_with_ticket as (

    {{ connector_rows_with_parent(
        'source_history', 'tickets', 'trim(source_history.ticket_id)', 'ticket_id', 'known_ticket_id',
    ) }}

),

history as (

    select
        history_with_ticket.*,
        lower(trim(history_with_ticket.field_name)) as field,
        nullif(lower(trim(history_with_ticket.value)), '') as new_value,
        {{ parse_timestamp(connector_timestamp_text('history_with_ticket.updated')) }} as updated_ts
    from history_with_ticket

),

history_with_previous as (

    select
        history.*,
        lag(history.new_value) over (
            partition by history.source_relation, history.ticket_id, history.field
            order by history.updated_ts, history.new_value
        ) as previous_value
    from history

),

history_mapped as (

    select
        history_with_previous.*,
        escalation_groups.tier as escalation_tier,
        case
            when history_with_previous.field = 'status' and history_with_previous.new_value = 'solved' then 'resolved'
            when history_with_previous.field = 'status' and history_with_previous.new_value = 'closed' then 'closed'
            when
                history_with_previous.field = 'status'
                and history_with_previous.new_value in ('new', 'open', 'pending', 'hold', 'on-hold')
                and history_with_previous.previous_value in ('solved', 'closed')
                then 'reopened'
            when history_with_previous.field = 'group_id' and escalation_groups.tier is not null then 'escalated'
            when
                history_with_previous.field = 'assignee_id'
                and history_with_previous.previous_value is not null
                and history_with_previous.new_value is not null
                and history_with_previous.new_value != history_with_previous.previous_value
                then 'transferred'
        end as mapped_event_type
    from history_with_previous
    left join source_groups
        on
            history_with_previous.source_relation = source_groups.source_relation
            and history_with_previous.new_value = trim(source_groups.id)
    left join escalation_groups
        on
            history_with_previous.field = 'group_id'
            and (
                lower(trim(escalation_groups.group_name)) = lower(trim(source_groups.name))
                or trim(escalation_groups.group_name) = history_with_previous.new_value
            )

),

history_rows as (

    select
        'ticket_field_history' as source_table,
        source_relation,
        {{ dbt.concat(history_key) }} as source_key,
        {% call connector_drop_reason('ticket', known_parent='known_ticket_id') %}
            when field not in ('status', 'group_id', 'assignee_id') then 'field_not_mapped'
            when mapped_event_type is null and field = 'status' then 'status_change_not_an_event'
            when mapped_event_type is null and field = 'group_id' then 'group_not_an_escalation_group'
            when mapped_event_type is null and previous_value is null then 'first_assignment'
            when mapped_event_type is null and new_value is null then 'unassigned'
            when mapped_event_type is null then 'assignee_unchanged'
        {%- endcall %} as drop_reason,
        {{ connector_id('zendesk', dbt.concat(history_event_id)) }} as event_id,
        {{ connector_id('zendesk', 'trim(ticket_id)') }} as ticket_id,
        {{ connector_timestamp_text('updated') }} as event_at,
        mapped_event_type as event_type,
        case when mapped_event_type = 'transferred' then {{ connector_id('zendesk', 'new_value') }} end as actor_id,
        case when mapped_event_type = 'escalated' then cast(escalation_tier as {{ dbt.type_string() }}) end as to_tier,
        {{ connector_timestamp_text('_fivetran_synced') }} as synced_at
    from history_mapped

),

final as (

    {{ connector_entity_rows('ticket_events', ['comment_rows', 'history_rows'], absent=['ai_assisted']) }}

)

select * from final
