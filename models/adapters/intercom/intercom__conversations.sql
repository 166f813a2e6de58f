{#- One row per row of the Intercom `conversation_history` table, with `version_rank` (1 = the
    latest version of the conversation, by updated_at) and whether it is deleted. Read by the
    ticket, event and CSAT rows. -#}
with

source_conversations as (

    select * from {{ ref('intercom__source_conversation_history') }}

),

final as (

    select
        source_conversations.*,
        trim(source_conversations.id) as conversation_id,
        {{ connector_deleted('source_conversations._fivetran_deleted') }} as is_deleted,
        {{ latest_first_rank(
            ['source_conversations.source_relation', 'trim(source_conversations.id)'],
            [parse_timestamp(connector_timestamp_text('source_conversations.updated_at'))],
        ) }} as version_rank
    from source_conversations

)

select * from final
