{#- One row per row of the Intercom `conversation_history` table: the rating (1-5) of the
    latest version of a conversation becomes a CSAT response; a conversation without a rating,
    and earlier versions, are dropped with the reason. -#}
{%- set customer_author -%}
    case
        when lower(trim(source_author_type)) in ('user', 'lead', 'contact')
            then nullif(trim(source_author_id), '')
    end
{%- endset -%}
with

conversations as (

    select * from {{ ref('intercom__conversations') }}

),

final as (

    select
        'conversation_history' as source_table,
        'survey_responses' as entity,
        source_relation,
        {{ dbt.concat(['conversation_id', "'|'", "coalesce(trim(updated_at), '')"]) }} as source_key,
        case
            when version_rank > 1 then 'superseded_history_row'
            when is_deleted then 'deleted_conversation'
            when nullif(trim(conversation_rating_value), '') is null then 'no_rating'
        end as drop_reason,
        {{ connector_id('intercom', dbt.concat(["'rating-'", 'conversation_id'])) }} as response_id,
        'csat' as survey_type,
        trim(conversation_rating_value) as score,
        coalesce(
            {{ connector_timestamp_text('conversation_rating_created_at') }},
            {{ connector_timestamp_text('updated_at') }}
        ) as responded_at,
        {{ connector_id('intercom', 'conversation_id') }} as ticket_id,
        {{ connector_id('intercom', customer_author) }} as customer_id,
        {{ connector_timestamp_text('_fivetran_synced') }} as synced_at
    from conversations

)

select * from final
