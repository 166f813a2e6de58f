{#- One row per row of the Zendesk `user` table: the contract agent it becomes (role agent or
    admin), or why it is dropped (end users; the AI agent's and other bots' users). -#}
with

source_users as (

    select * from {{ ref('zendesk__source_user') }}

),

mapped as (

    select
        'user' as source_table,
        source_relation,
        id as source_key,
        case
            when {{ connector_id_in_list('id', var('ai_agent_user_ids', [])) }} then 'ai_agent'
            when {{ connector_id_in_list('id', var('system_user_ids', [])) }} then 'system_user'
            when lower(trim(role)) not in ('agent', 'admin') or role is null then 'not_an_agent'
        end as drop_reason,
        {{ connector_id('zendesk', 'trim(id)') }} as agent_id,
        {{ connector_timestamp_text('created_at') }} as hired_at,
        {{ connector_timestamp_text('_fivetran_synced') }} as synced_at
    from source_users

),

final as (

    {{ connector_entity_rows('agents', 'mapped', absent=['team', 'tier', 'left_at']) }}

)

select * from final
