{#- One contract entity: its source node, with the table meta and the column meta flattened. -#}
{% macro raw_contract_entity(entity_name) %}
    {%- set found = [] -%}
    {%- for node in raw_contract_entities() if node.name == entity_name -%}
        {%- do found.append(node) -%}
    {%- endfor -%}
    {%- if found | length == 0 -%}
        {{ exceptions.raise_compiler_error("support_kpis: '" ~ entity_name ~ "' is not an entity of the raw contract (_helpdesk__sources.yml)") }}
    {%- endif -%}
    {%- set node = found[0] -%}
    {%- set columns = [] -%}
    {%- for column in node.columns.values() -%}
        {%- set meta = column.config.meta if column.config is defined and column.config.meta else column.meta -%}
        {%- do columns.append({
            'name': column.name,
            'type': meta.get('type', 'text'),
            'required': meta.get('required', false),
            'allowed': meta.get('allowed'),
            'fallback': meta.get('fallback'),
            'default': meta.get('default'),
            'min': meta.get('min'),
            'max': meta.get('max'),
            'min_exclusive': meta.get('min_exclusive'),
            'pii': meta.get('pii', false),
            'pseudonymise_email': meta.get('pseudonymise_email', false),
        }) -%}
    {%- endfor -%}
    {%- set table_meta = node.config.meta if node.config is defined and node.config.meta else node.meta -%}
    {{ return({'name': node.name, 'meta': table_meta, 'columns': columns}) }}
{% endmacro %}
