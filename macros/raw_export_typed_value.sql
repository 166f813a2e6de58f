{#- The typed value of a contract column (see the meta keys in _helpdesk__sources.yml);
    NULL when the text does not parse. -#}
{% macro raw_export_typed_value(column) -%}
    {%- set text = raw_export_cleaned_text(column) -%}
    {%- if column.type == 'timestamp' -%}
        {{ parse_timestamp(text) }}
    {%- elif column.type == 'integer' -%}
        {{ parse_integer(text) }}
    {%- elif column.type == 'number' -%}
        {{ parse_number(text) }}
    {%- elif column.type == 'boolean' -%}
        {{ parse_boolean(text) }}
    {%- elif column.type == 'label' and column.fallback -%}
        case
            when {{ text }} is null then null
            when {{ normalise_label(text) }} in ('{{ column.allowed | join("', '") }}') then {{ normalise_label(text) }}
            else '{{ column.fallback }}'
        end
    {%- elif column.type == 'label' -%}
        {{ normalise_label(text) }}
    {%- elif column.pseudonymise_email -%}
        {{ pseudonymised_email(text) }}
    {%- else -%}
        {{ text }}
    {%- endif -%}
{%- endmacro %}
