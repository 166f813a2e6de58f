-- For every raw contract entity, raw rows = accepted + rejected + collapsed exact duplicates (one failing row per entity).
{# Counted independently of stg_helpdesk__export_reconciliation: accepted from the stg_ model,
    rejected from stg_helpdesk__rejects, duplicates as sum(row_copies - 1) of the base model. #}
with

raw_counts as (

    {% for entity in raw_entity_names() %}
    select
        '{{ entity }}' as entity,
        -- rows read, plus CSV lines too malformed to be read as a row
        count(*) + {{ raw_export_malformed_count(entity) }} as raw_rows
    from {{ raw_entity_relation(entity) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

accepted_counts as (

    {% for entity in raw_entity_names() %}
    select
        '{{ entity }}' as entity,
        count(*) as accepted_rows
    from {{ ref('stg_helpdesk__' ~ entity) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

duplicate_counts as (

    {% for entity in raw_entity_names() %}
    select
        '{{ entity }}' as entity,
        coalesce(sum(row_copies - 1), 0) as duplicate_rows
    from {{ ref('base_helpdesk__' ~ entity) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

rejected_counts as (

    select
        entity,
        count(*) as rejected_rows
    from {{ ref('stg_helpdesk__rejects') }}
    group by entity

),

final as (

    select
        raw_counts.entity,
        raw_counts.raw_rows,
        accepted_counts.accepted_rows,
        coalesce(rejected_counts.rejected_rows, 0) as rejected_rows,
        duplicate_counts.duplicate_rows,
        accepted_counts.accepted_rows
        + coalesce(rejected_counts.rejected_rows, 0)
        + duplicate_counts.duplicate_rows as accounted_rows
    from raw_counts
    left join accepted_counts
        on raw_counts.entity = accepted_counts.entity
    left join rejected_counts
        on raw_counts.entity = rejected_counts.entity
    left join duplicate_counts
        on raw_counts.entity = duplicate_counts.entity

)

select * from final
where accounted_rows is distinct from raw_rows
