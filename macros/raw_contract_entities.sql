{#- The contract entities (source `helpdesk` in _helpdesk__sources.yml), sorted by name. -#}
{% macro raw_contract_entities() %}
    {%- set entities = [] -%}
    {%- for node in graph.sources.values() | sort(attribute='name') -%}
        {%- if node.source_name == 'helpdesk' -%}
            {%- do entities.append(node) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(entities) }}
{% endmacro %}
