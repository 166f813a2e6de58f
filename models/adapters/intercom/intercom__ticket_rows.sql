{#- One row per row of the Intercom `conversation_history` table: the latest version of each
    conversation becomes a contract ticket, earlier versions are dropped as superseded.
    Customer: the author of the first message when a user or lead wrote it, else the first user
    or lead who wrote a part. Channel: source_type through seed channel_mapping. Category: the
    first tag (alphabetically) of the latest version with the prefix var
    intercom_category_tag_prefix, prefix stripped; else `uncategorised`. Priority: `priority` ->
    high, else the contract default (normal). -#}
{%- set prefix = var('intercom_category_tag_prefix', 'category_') | string | lower -%}
{%- set customer_author -%}
    coalesce(
        case
            when lower(trim(conversations.source_author_type)) in ('user', 'lead', 'contact')
                then nullif(trim(conversations.source_author_id), '')
        end,
        first_customer_authors.author_id
    )
{%- endset -%}
with

conversations as (

    select * from {{ ref('intercom__conversations') }}

),

source_parts as (

    select * from {{ ref('intercom__source_conversation_part_history') }}

),

source_conversation_tags as (

    select * from {{ ref('intercom__source_conversation_tag_history') }}

),

source_tags as (

    select * from {{ ref('intercom__source_tag') }}

),

channel_mapping as (

    select * from {{ ref('channel_mapping') }}
    where source_system = 'intercom'

),

first_customer_authors as (

    select
        source_relation,
        conversation_id,
        author_id
    from (
        select
            source_relation,
            trim(conversation_id) as conversation_id,
            trim(author_id) as author_id,
            row_number() over (
                partition by source_relation, trim(conversation_id)
                order by {{ parse_timestamp(connector_timestamp_text('created_at')) }}, trim(id)
            ) as author_rank
        from source_parts
        where lower(trim(author_type)) in ('user', 'lead', 'contact') and nullif(trim(author_id), '') is not null
    ) as customer_parts
    where author_rank = 1

),

tag_versions as (

    select
        source_conversation_tags.source_relation,
        trim(source_conversation_tags.conversation_id) as conversation_id,
        lower(trim(coalesce(source_tags.name, source_conversation_tags.tag_id))) as tag,
        rank() over (
            partition by source_conversation_tags.source_relation, trim(source_conversation_tags.conversation_id)
            order by {{ parse_timestamp(connector_timestamp_text('source_conversation_tags.conversation_updated_at')) }} desc
        ) as version_rank
    from source_conversation_tags
    left join source_tags
        on
            source_conversation_tags.source_relation = source_tags.source_relation
            and trim(source_conversation_tags.tag_id) = trim(source_tags.id)

),

category_tags as (

    select
        source_relation,
        conversation_id,
        min({{ prefixed_tag_category('tag', prefix) }}) as category
    from tag_versions
    where version_rank = 1
    group by source_relation, conversation_id

),

mapped as (

    select
        'conversation_history' as source_table,
        conversations.source_relation,
        {{ dbt.concat(['conversations.conversation_id', "'|'", "coalesce(trim(conversations.updated_at), '')"]) }} as source_key,
        {{ connector_drop_reason(
            'conversation', parent_deleted='conversations.is_deleted', version_rank='conversations.version_rank',
        ) }} as drop_reason,
        {{ connector_id('intercom', 'conversations.conversation_id', 'conversations.source_relation') }} as ticket_id,
        {{ connector_id('intercom', customer_author, 'conversations.source_relation') }} as customer_id,
        coalesce(channel_mapping.channel, conversations.source_type) as channel,
        coalesce(category_tags.category, 'uncategorised') as category,
        case when lower(trim(conversations.priority)) = 'priority' then 'high' end as priority,
        {{ connector_timestamp_text('conversations.created_at') }} as created_at,
        {{ connector_timestamp_text('conversations._fivetran_synced') }} as synced_at
    from conversations
    left join channel_mapping
        on lower(trim(conversations.source_type)) = lower(trim(channel_mapping.source_value))
    left join first_customer_authors
        on
            conversations.source_relation = first_customer_authors.source_relation
            and conversations.conversation_id = first_customer_authors.conversation_id
    left join category_tags
        on
            conversations.source_relation = category_tags.source_relation
            and conversations.conversation_id = category_tags.conversation_id

),

final as (

    {{ connector_entity_rows('tickets', 'mapped', absent=[
        'intent', 'ai_eligible', 'ai_confidence', 'order_value', 'sentiment_score', 'customer_email',
    ]) }}

)

select * from final
