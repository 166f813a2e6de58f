{#- One connector table (source `zendesk` or `intercom` in models/adapters/<system>/): its name,
    whether it is required, and its columns with their `required` meta. -#}
{% macro connector_table(system, table_name) %}
    {%- for node in connector_tables(system) if node.name == table_name -%}
        {{ return(node) }}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error("support_kpis: '" ~ table_name ~ "' is not a table of source '" ~ system ~ "'") }}
{% endmacro %}
