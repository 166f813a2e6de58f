{#- One row per distinct raw row that breaks the contract, from every entity. -#}
with

{% for entity in raw_entity_names() %}
{{ entity }}_rejects as (

    select
        '{{ entity }}' as entity,
        record_key,
        raw_values,
        reject_reason,
        reject_column,
        row_copies
    from {{ ref('base_helpdesk__' ~ entity) }}
    where reject_reason is not null

),

{% endfor %}
final as (

    {% for entity in raw_entity_names() %}
    select * from {{ entity }}_rejects
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final
