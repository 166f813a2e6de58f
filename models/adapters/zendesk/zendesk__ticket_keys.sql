{#- One row per row of the Zendesk `ticket` table, with its trimmed id (`ticket_id`) and whether
    it is deleted (status deleted, or deleted by the connector). Read by the ticket, event and
    CSAT rows, so a deleted ticket is one rule. -#}
with

source_tickets as (

    select * from {{ ref('zendesk__source_ticket') }}

),

final as (

    select
        source_tickets.*,
        trim(source_tickets.id) as ticket_id,
        coalesce(lower(trim(source_tickets.status)) = 'deleted', false)
        or {{ connector_deleted('source_tickets._fivetran_deleted') }} as is_deleted
    from source_tickets

)

select * from final
