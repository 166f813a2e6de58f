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

mapped as (

    select
        'conversation_history' as source_table,
        source_relation,
        {{ dbt.concat(['conversation_id', "'|'", "coalesce(trim(updated_at), '')"]) }} as source_key,
        {% call connector_drop_reason('conversation', version_rank='version_rank') %}
            when nullif(trim(conversation_rating_value), '') is null then 'no_rating'
        {%- endcall %} as drop_reason,
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

),

final as (

    {{ connector_entity_rows('survey_responses', 'mapped') }}

)

select * from final
