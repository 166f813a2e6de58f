{#- A connector timestamp as contract text: trimmed, blank as NULL, and the ' UTC' suffix some
    connector exports write (2020-10-29 12:38:27 UTC) turned into an offset parse_timestamp reads. -#}
{% macro connector_timestamp_text(expression) -%}
    nullif(trim({{ dbt.replace(expression, "' UTC'", "'+00:00'") }}), '')
{%- endmacro %}
