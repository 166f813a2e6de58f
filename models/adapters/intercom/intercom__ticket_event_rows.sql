{#- One row per row of the Intercom `conversation_part_history` table: the contract event it
    becomes, or why it is dropped. Only the latest version of a part (updated_at) counts.
    Messages (comment, quick_reply) by author_type: user, lead -> customer_message; admin ->
    agent_message; a bot -> ai_message when it is the AI agent (a name in var
    intercom_ai_agent_names, e.g. Fin, or an id in var ai_agent_user_ids), else system_message
    (Operator, auto-replies); ids in var system_user_ids -> system_message. Notes are not replies
    (dropped). close -> resolved; open after a close -> reopened; an assignment to a team of seed
    escalation_groups -> escalated (to_tier); an assignment from one admin to another ->
    transferred. -#}
{%- set ai_users = var('ai_agent_user_ids', []) -%}
{%- set system_users = var('system_user_ids', []) -%}
{%- set ai_names = [] -%}
{%- for name in var('intercom_ai_agent_names', []) or [] -%}
{%- do ai_names.append("'" ~ (name | string | lower | trim | replace("'", "''")) ~ "'") -%}
{%- endfor -%}
{%- set assignment_types = "('assignment', 'default_assignment', 'away_mode_assignment', 'assign_and_reopen')" -%}
with

source_parts as (

    select * from {{ ref('intercom__source_conversation_part_history') }}

),

conversations as (

    select * from {{ ref('intercom__conversations') }}
    where version_rank = 1

),

source_admins as (

    select * from {{ ref('intercom__source_admin') }}

),

source_teams as (

    select * from {{ ref('intercom__source_team') }}

),

escalation_groups as (

    select * from {{ ref('escalation_groups') }}
    where source_system = 'intercom'

),

parts_with_conversation as (

    {{ connector_rows_with_parent(
        'source_parts', 'conversations', 'trim(source_parts.conversation_id)', 'conversation_id', 'known_conversation_id',
    ) }}

),

parts as (

    select
        parts_with_conversation.*,
        trim(parts_with_conversation.conversation_id) as part_conversation_id,
        lower(trim(parts_with_conversation.part_type)) as kind,
        lower(trim(parts_with_conversation.author_type)) as author_kind,
        {{ parse_timestamp(connector_timestamp_text('parts_with_conversation.created_at')) }} as created_ts,
        {{ latest_first_rank(
            ['parts_with_conversation.source_relation', 'trim(parts_with_conversation.id)'],
            [parse_timestamp(connector_timestamp_text('parts_with_conversation.updated_at'))],
        ) }} as version_rank
    from parts_with_conversation

),

latest_parts as (

    select * from parts
    where version_rank = 1

),

state_changes as (

    -- open only reopens a conversation whose previous open/close was a close
    select
        source_relation,
        id,
        lag(kind) over (
            partition by source_relation, part_conversation_id
            order by created_ts, trim(id)
        ) as previous_state_kind
    from latest_parts
    where kind in ('open', 'close')

),

admin_assignments as (

    select
        source_relation,
        id,
        lag(trim(assigned_to_id)) over (
            partition by source_relation, part_conversation_id
            order by created_ts, trim(id)
        ) as previous_admin_id
    from latest_parts
    where kind in {{ assignment_types }} and lower(trim(assigned_to_type)) = 'admin'

),

authors as (

    -- who wrote a message decides its type
    select
        parts.source_relation,
        parts.id,
        parts.version_rank,
        case
            when {{ connector_id_in_list('parts.author_id', ai_users, 'parts.source_relation') }}
                then 'ai_message'
            when {{ connector_id_in_list('parts.author_id', system_users, 'parts.source_relation') }}
                then 'system_message'
            when parts.author_kind in ('user', 'lead', 'contact') then 'customer_message'
            when parts.author_kind = 'admin' then 'agent_message'
            {%- if ai_names | length > 0 %}
            when
                parts.author_kind = 'bot'
                and lower(trim(source_admins.name)) in ({{ ai_names | join(', ') }})
                then 'ai_message'
            {%- endif %}
            when parts.author_kind = 'bot' then 'system_message'
        end as message_type
    from parts
    left join source_admins
        on
            parts.source_relation = source_admins.source_relation
            and trim(parts.author_id) = trim(source_admins.id)

),

mapped as (

    select
        parts.*,
        escalation_groups.tier as escalation_tier,
        admin_assignments.previous_admin_id,
        case
            when parts.kind in ('comment', 'quick_reply') then authors.message_type
            when parts.kind = 'close' then 'resolved'
            when parts.kind = 'open' and state_changes.previous_state_kind = 'close' then 'reopened'
            when
                parts.kind in {{ assignment_types }}
                and lower(trim(parts.assigned_to_type)) = 'team'
                and escalation_groups.tier is not null
                then 'escalated'
            when
                parts.kind in {{ assignment_types }}
                and lower(trim(parts.assigned_to_type)) = 'admin'
                and admin_assignments.previous_admin_id is not null
                and trim(parts.assigned_to_id) != admin_assignments.previous_admin_id
                then 'transferred'
        end as mapped_event_type
    from parts
    left join authors
        on
            parts.source_relation = authors.source_relation
            and parts.id = authors.id
            and parts.version_rank = authors.version_rank
    left join source_teams
        on
            parts.source_relation = source_teams.source_relation
            and lower(trim(parts.assigned_to_type)) = 'team'
            and trim(parts.assigned_to_id) = trim(source_teams.id)
    left join escalation_groups
        on
            lower(trim(escalation_groups.group_name)) = lower(trim(source_teams.name))
            or (lower(trim(parts.assigned_to_type)) = 'team' and trim(escalation_groups.group_name) = trim(parts.assigned_to_id))
    left join state_changes
        on
            parts.source_relation = state_changes.source_relation
            and parts.id = state_changes.id
            and parts.version_rank = 1
    left join admin_assignments
        on
            parts.source_relation = admin_assignments.source_relation
            and parts.id = admin_assignments.id
            and parts.version_rank = 1

),

mapped_rows as (

    select
        'conversation_part_history' as source_table,
        source_relation,
        {{ dbt.concat(['trim(id)', "'|'", "coalesce(trim(updated_at), '')"]) }} as source_key,
        {% call connector_drop_reason('conversation', known_parent='known_conversation_id', version_rank='version_rank') %}
            when kind in ('note', 'note_and_reopen') then 'internal_note'
            when kind in ('comment', 'quick_reply') and mapped_event_type is null then 'unknown_author'
            when kind = 'open' and mapped_event_type is null then 'open_without_close'
            when kind in {{ assignment_types }} and mapped_event_type is null then 'assignment_not_an_escalation_or_transfer'
            when mapped_event_type is null then 'part_type_not_mapped'
        {%- endcall %} as drop_reason,
        {{ connector_id('intercom', dbt.concat(["'part-'", 'trim(id)'])) }} as event_id,
        {{ connector_id('intercom', 'part_conversation_id') }} as ticket_id,
        {{ connector_timestamp_text('created_at') }} as event_at,
        mapped_event_type as event_type,
        case
            when mapped_event_type = 'agent_message' then {{ connector_id('intercom', 'trim(author_id)') }}
            when mapped_event_type = 'transferred' then {{ connector_id('intercom', 'trim(assigned_to_id)') }}
        end as actor_id,
        case when mapped_event_type = 'escalated' then cast(escalation_tier as {{ dbt.type_string() }}) end as to_tier,
        {{ connector_timestamp_text('_fivetran_synced') }} as synced_at
    from mapped

),

final as (

    {{ connector_entity_rows('ticket_events', 'mapped_rows', absent=['ai_assisted']) }}

)

select * from final
