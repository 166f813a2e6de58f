{#- One row per source row the adapter of var source_system maps to a contract entity: its
    source table and key, the contract entity, and `drop_reason` (NULL when the row became a
    contract row). The source of the reconciliation from source rows to contract rows. -#}
{%- set system = var('source_system', 'files') -%}
{%- set rows_models = {
    'zendesk': ['zendesk__ticket_rows', 'zendesk__ticket_event_rows', 'zendesk__survey_response_rows', 'zendesk__agent_rows'],
    'intercom': ['intercom__ticket_rows', 'intercom__ticket_event_rows', 'intercom__survey_response_rows', 'intercom__agent_rows'],
}[system] -%}
with

{% for model in rows_models %}
{{ model }} as (

    select
        '{{ system }}' as source_system,
        source_table,
        entity,
        source_relation,
        cast(source_key as {{ dbt.type_string() }}) as source_key,
        drop_reason,
        synced_at
    from {{ ref(model) }}

),

{% endfor %}
final as (

    {% for model in rows_models %}
    select * from {{ model }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final
