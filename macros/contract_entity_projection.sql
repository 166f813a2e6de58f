{#- A connector adapter's contract entity: the contract's columns of `entity`, in the contract's
    order, from the adapter's row model `rows` (every column already text), without the rows the
    adapter dropped (those are in adapters.adapter_dropped_rows with their reason). -#}
{% macro contract_entity_projection(entity, rows) %}
    {%- if not execute -%}
        {{ return('select * from ' ~ rows) }}
    {%- endif -%}
    {%- set columns = raw_contract_entity(entity).columns | map(attribute='name') | list -%}
with

entity_rows as (

    select * from {{ rows }}

),

final as (

    select
        {{ columns | join(',\n        ') }}
    from entity_rows
    where drop_reason is null

)

select * from final
{%- endmacro %}
