{#- The tables of a connector source (`zendesk` or `intercom`), sorted by name, each as
    {name, required, columns: [{name, required}]}. -#}
{% macro connector_tables(system) %}
    {%- set tables = [] -%}
    {%- for node in graph.sources.values() | sort(attribute='name') if node.source_name == system -%}
        {%- set table_meta = node.config.meta if node.config is defined and node.config.meta else node.meta -%}
        {%- set columns = [] -%}
        {%- for column in node.columns.values() -%}
            {%- set meta = column.config.meta if column.config is defined and column.config.meta else column.meta -%}
            {%- do columns.append({'name': column.name, 'required': meta.get('required', false)}) -%}
        {%- endfor -%}
        {%- do tables.append({'name': node.name, 'required': table_meta.get('required', false), 'columns': columns}) -%}
    {%- endfor -%}
    {{ return(tables) }}
{% endmacro %}
