{#- One row per connector table × contract entity it feeds: rows read from the connector table,
    rows that became contract rows, rows dropped (each with a reason in adapter_dropped_rows).
    The identity source_rows = contract_rows + dropped_rows is tested; the contract rows then
    reconcile in stg_helpdesk__export_reconciliation (raw = accepted + rejected + duplicates). -#}
{%- set system = var('source_system', 'files') -%}
{%- set pairs = {
    'zendesk': [('ticket', 'tickets'), ('ticket_comment', 'ticket_events'), ('ticket_field_history', 'ticket_events'), ('satisfaction_rating', 'survey_responses'), ('user', 'agents')],
    'intercom': [('conversation_history', 'tickets'), ('conversation_part_history', 'ticket_events'), ('conversation_history', 'survey_responses'), ('admin', 'agents')],
}[system] -%}
with

mapped as (

    select
        source_table,
        entity,
        {{ count_where('drop_reason is null') }} as contract_rows,
        {{ count_where('drop_reason is not null') }} as dropped_rows
    from {{ ref('adapter_source_rows') }}
    group by source_table, entity

),

source_counts as (

    {% for pair in pairs %}
    select
        '{{ pair[0] }}' as source_table,
        '{{ pair[1] }}' as entity,
        count(*) as source_rows
    from {{ ref(system ~ '__source_' ~ pair[0]) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        '{{ system }}' as source_system,
        source_counts.source_table,
        source_counts.entity,
        source_counts.source_rows,
        coalesce(mapped.contract_rows, 0) as contract_rows,
        coalesce(mapped.dropped_rows, 0) as dropped_rows
    from source_counts
    left join mapped
        on
            source_counts.source_table = mapped.source_table
            and source_counts.entity = mapped.entity

)

select * from final
