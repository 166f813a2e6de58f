{#- The connections of a connector (source_system zendesk or intercom): a list of
    {name, database, schema, raw_path, is_union}. One connection unless var <system>_sources lists
    several (two Zendesk instances, two brands); then every id is kept apart by its connection's
    name (connector_id). raw_path (DuckDB): a folder of <table>.csv|.parquet registered into the
    schema by register_connector_tables; without it the tables must already be in the schema. -#}
{% macro connector_connections(system) %}
    {%- set listed = var(system ~ '_sources', []) or [] -%}
    {%- set connections = [] -%}
    {%- if listed | length == 0 -%}
        {%- do connections.append({
            'name': system,
            'database': var(system ~ '_database', none) or target.database,
            'schema': var(system ~ '_schema', 'raw_' ~ system),
            'raw_path': var('raw_path', none),
            'is_union': false,
        }) -%}
    {%- else -%}
        {%- for entry in listed -%}
            {%- if not entry.get('name') -%}
                {{ exceptions.raise_compiler_error("support_kpis: every entry of var " ~ system ~ "_sources needs a name (it becomes source_relation and prefixes the ids)") }}
            {%- endif -%}
            {%- do connections.append({
                'name': entry['name'],
                'database': entry.get('database') or var(system ~ '_database', none) or target.database,
                'schema': entry.get('schema') or ('raw_' ~ system ~ '_' ~ entry['name']),
                'raw_path': entry.get('raw_path'),
                'is_union': listed | length > 1,
            }) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(connections) }}
{% endmacro %}
