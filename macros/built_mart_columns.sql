{#- The columns of every mart (models of schema marts) that exists in the warehouse when this
    runs, as [{'table', 'column', 'data_type', 'is_text'}], read through the adapter
    (get_relation, get_columns_in_relation) and not information_schema, which a Spark session
    does not have. A mart not built yet is absent from the list; [] outside execution. -#}
{% macro built_mart_columns() -%}
    {%- set columns = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'model' and node.config.schema == 'marts'
            and node.config.materialized != 'ephemeral' -%}
            {%- set relation = adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) -%}
            {%- if relation is not none -%}
                {%- for column in adapter.get_columns_in_relation(relation) -%}
                    {%- set data_type = column.data_type | lower -%}
                    {%- do columns.append({
                        'table': node.alias,
                        'column': column.name,
                        'data_type': data_type,
                        'is_text': 'char' in data_type or data_type in ('text', 'string'),
                    }) -%}
                {%- endfor -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(columns) -}}
{%- endmacro %}
