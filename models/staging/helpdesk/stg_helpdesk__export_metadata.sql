{#- At most one row: the export time the source declares, and who declared it. An
    export_metadata file in raw_path wins; else, with a connector (source_system zendesk or
    intercom), the connector's last sync. int_export_as_of uses it when var as_of is not set. -#}
{%- set system = var('source_system', 'files') -%}
{%- set file_source = source('raw_inventory', 'export_metadata') -%}
{%- set file_relation = adapter.get_relation(
    database=file_source.database, schema=file_source.schema, identifier=file_source.identifier
) if execute else none -%}
with

{% if file_relation is not none %}
export_metadata_file as (

    select * from {{ file_source }}

),

{% endif %}
declarations as (

    {% if file_relation is not none -%}
    select
        'export_metadata file' as declared_by,
        1 as precedence,
        max({{ parse_timestamp("nullif(trim(exported_at), '')") }}) as exported_at,
        count(*) as declared_rows
    from export_metadata_file
    {%- else -%}
    select
        'export_metadata file' as declared_by,
        1 as precedence,
        cast(null as timestamp) as exported_at,
        0 as declared_rows
    {%- endif %}

    {% if system != 'files' %}
    union all

    select
        '{{ system }} connector sync' as declared_by,
        2 as precedence,
        exported_at,
        1 as declared_rows
    from {{ ref('adapter_export_metadata') }}
    {% endif %}

),

ranked as (

    select
        *,
        row_number() over (order by precedence) as declaration_rank
    from declarations
    where declared_rows > 0

),

final as (

    select
        declared_by,
        exported_at
    from ranked
    where declaration_rank = 1

)

select * from final
