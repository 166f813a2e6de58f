{#- Where a contract entity's raw text rows come from: the adapter model of var source_system
    (zendesk, intercom) for the entities it produces, else the raw export (source `helpdesk`). -#}
{% macro raw_entity_relation(entity_name) %}
    {%- set system = var('source_system', 'files') -%}
    {%- if system not in ['files', 'zendesk', 'intercom'] -%}
        {{ exceptions.raise_compiler_error("support_kpis: var source_system is '" ~ system ~ "': expected files, zendesk or intercom") }}
    {%- endif -%}
    {%- if entity_name in adapter_entity_names(system) -%}
        {{ return(ref(system ~ '__' ~ entity_name)) }}
    {%- else -%}
        {{ return(source('helpdesk', entity_name)) }}
    {%- endif -%}
{% endmacro %}
