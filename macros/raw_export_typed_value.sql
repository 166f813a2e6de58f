{#- The typed value of a contract column (see the meta keys in _helpdesk__sources.yml);
    NULL when the text does not parse. -#}
{% macro raw_export_typed_value(column) -%}
    {%- set text = raw_export_cleaned_text(column) -%}
    {%- if column.type == 'timestamp' -%}
        {{ parse_timestamp(text) }}
    {%- elif column.type == 'integer' -%}
        {{ try_cast(text, api.Column.translate_type('integer')) }}
    {%- elif column.type == 'number' -%}
        {{ try_cast(text, type_double()) }}
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
    {%- else -%}
        {{ text }}
    {%- endif -%}
{%- endmacro %}
