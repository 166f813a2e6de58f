{#- One row per raw entity: raw rows read, and where each went (accepted, rejected, collapsed duplicate). -#}
with

inventory as (

    select * from {{ source('raw_inventory', 'export_inventory') }}

),

{% for entity in raw_entity_names() %}
{{ entity }}_counts as (

    select
        '{{ entity }}' as entity,
        -- rows read plus CSV lines too malformed to read as a row (each one a reject)
        (select count(*) from {{ raw_entity_relation(entity) }}) + {{ raw_export_malformed_count(entity) }} as raw_rows,
        coalesce({{ count_where("reject_reason is null") }}, 0) as accepted_rows,
        coalesce({{ count_where("reject_reason is not null") }}, 0) as rejected_rows,
        cast(coalesce(sum(row_copies - 1), 0) as {{ dbt.type_bigint() }}) as duplicate_rows
    from {{ ref('base_helpdesk__' ~ entity) }}

),

{% endfor %}
counts as (

    {% for entity in raw_entity_names() %}
    select * from {{ entity }}_counts
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        counts.entity,
        inventory.is_present,
        inventory.file_path,
        inventory.file_format,
        counts.raw_rows,
        counts.accepted_rows,
        counts.rejected_rows,
        counts.duplicate_rows
    from counts
    left join inventory
        on counts.entity = inventory.entity

)

select * from final
