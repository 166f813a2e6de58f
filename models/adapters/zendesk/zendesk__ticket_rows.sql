{#- One row per row of the Zendesk `ticket` table: the contract ticket it becomes, or why it is
    dropped (`drop_reason`). Category: the first tag (alphabetically) with the prefix var
    zendesk_category_tag_prefix, prefix stripped; else the ticket type; else `uncategorised`.
    Channel: via_channel through seed channel_mapping (unlisted values pass through). -#}
{%- set prefix = var('zendesk_category_tag_prefix', 'category_') | string | lower -%}
with

source_tickets as (

    select * from {{ ref('zendesk__source_ticket') }}

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
        min(substr(lower(trim(tag)), {{ prefix | length + 1 }})) as category
    from source_tags
    where
        substr(lower(trim(tag)), 1, {{ prefix | length }}) = '{{ prefix | replace("'", "''") }}'
        and {{ dbt.length('trim(tag)') }} > {{ prefix | length }}
    group by source_relation, trim(ticket_id)

),

final as (

    select
        'ticket' as source_table,
        'tickets' as entity,
        source_tickets.source_relation,
        source_tickets.id as source_key,
        case
            when lower(trim(source_tickets.status)) = 'deleted' or {{ parse_boolean('trim(source_tickets._fivetran_deleted)') }}
                then 'deleted_ticket'
        end as drop_reason,
        {{ connector_id('zendesk', 'trim(source_tickets.id)', 'source_tickets.source_relation') }} as ticket_id,
        {{ connector_id('zendesk', 'trim(source_tickets.requester_id)', 'source_tickets.source_relation') }} as customer_id,
        coalesce(channel_mapping.channel, source_tickets.via_channel) as channel,
        coalesce(category_tags.category, nullif(trim(source_tickets.type), ''), 'uncategorised') as category,
        cast(null as {{ dbt.type_string() }}) as intent,
        source_tickets.priority,
        {{ connector_timestamp_text('source_tickets.created_at') }} as created_at,
        cast(null as {{ dbt.type_string() }}) as ai_eligible,
        cast(null as {{ dbt.type_string() }}) as ai_confidence,
        cast(null as {{ dbt.type_string() }}) as order_value,
        cast(null as {{ dbt.type_string() }}) as sentiment_score,
        cast(null as {{ dbt.type_string() }}) as customer_email,
        {{ connector_timestamp_text('source_tickets._fivetran_synced') }} as synced_at
    from source_tickets
    left join channel_mapping
        on lower(trim(source_tickets.via_channel)) = lower(trim(channel_mapping.source_value))
    left join category_tags
        on
            source_tickets.source_relation = category_tags.source_relation
            and trim(source_tickets.id) = category_tags.ticket_id

)

select * from final
