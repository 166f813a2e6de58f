{#- One row per row of the Zendesk `ticket` table: the contract ticket it becomes, or why it is
    dropped (`drop_reason`). Category: the first tag (alphabetically) with the prefix var
    zendesk_category_tag_prefix, prefix stripped; else the ticket type; else `uncategorised`.
    Channel: via_channel through seed channel_mapping (unlisted values pass through). -#}
{%- set prefix = var('zendesk_category_tag_prefix', 'category_') | string | lower -%}
with

tickets as (

    select * from {{ ref('zendesk__ticket_keys') }}

),

source_tags as (

    select * from {{ ref('zendesk__source_ticket_tag') }}

),

channel_mapping as (

    select * from {{ ref('channel_mapping') }}
    where source_system = 'zendesk'

),

category_tags as (

    select
        source_relation,
        trim(ticket_id) as ticket_id,
        min({{ prefixed_tag_category('lower(trim(tag))', prefix) }}) as category
    from source_tags
    group by source_relation, trim(ticket_id)

),

mapped as (

    select
        'ticket' as source_table,
        tickets.source_relation,
        tickets.id as source_key,
        {{ connector_drop_reason('ticket', parent_deleted='tickets.is_deleted') }} as drop_reason,
        {{ connector_id('zendesk', 'trim(tickets.id)', 'tickets.source_relation') }} as ticket_id,
        {{ connector_id('zendesk', 'trim(tickets.requester_id)', 'tickets.source_relation') }} as customer_id,
        coalesce(channel_mapping.channel, tickets.via_channel) as channel,
        coalesce(category_tags.category, nullif(trim(tickets.type), ''), 'uncategorised') as category,
        tickets.priority,
        {{ connector_timestamp_text('tickets.created_at') }} as created_at,
        {{ connector_timestamp_text('tickets._fivetran_synced') }} as synced_at
    from tickets
    left join channel_mapping
        on lower(trim(tickets.via_channel)) = lower(trim(channel_mapping.source_value))
    left join category_tags
        on
            tickets.source_relation = category_tags.source_relation
            and tickets.ticket_id = category_tags.ticket_id

),

final as (

    {{ connector_entity_rows('tickets', 'mapped', absent=[
        'intent', 'ai_eligible', 'ai_confidence', 'order_value', 'sentiment_score', 'customer_email',
    ]) }}

)

select * from final
