{#- One row per row of the Intercom `admin` table: the contract agent it becomes, or why it is
    dropped (the AI agent: var ai_agent_user_ids or a name in var intercom_ai_agent_names; other
    bots: var system_user_ids). -#}
{%- set ai_names = [] -%}
{%- for name in var('intercom_ai_agent_names', []) or [] -%}
{%- do ai_names.append("'" ~ (name | string | lower | trim | replace("'", "''")) ~ "'") -%}
{%- endfor -%}
with

source_admins as (

    select * from {{ ref('intercom__source_admin') }}

),

mapped as (

    select
        'admin' as source_table,
        source_relation,
        id as source_key,
        case
            when {{ connector_id_in_list('id', var('ai_agent_user_ids', [])) }} then 'ai_agent'
            {%- if ai_names | length > 0 %}
            when lower(trim(name)) in ({{ ai_names | join(', ') }}) then 'ai_agent'
            {%- endif %}
            when {{ connector_id_in_list('id', var('system_user_ids', [])) }} then 'system_user'
        end as drop_reason,
        {{ connector_id('intercom', 'trim(id)') }} as agent_id
    from source_admins

),

final as (

    {{ connector_entity_rows('agents', 'mapped', absent=['team', 'tier', 'hired_at', 'left_at', 'synced_at']) }}

)

select * from final
