{#- Schemas are exactly `staging`, `intermediate`, `marts` on every warehouse (the output contract),
    not dbt's default `<target_schema>_<custom>`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
