{#- Text -> naive UTC timestamp, or NULL when unparseable. A value with an offset (Z, +05:30, -0500)
    is converted to UTC; a value without one is UTC already. The session time zone never matters:
    offset-less text is cast to a plain timestamp, never to timestamptz. -#}
{% macro parse_timestamp(text_expression) %}
    {{ return(adapter.dispatch('parse_timestamp', 'support_kpis')(text_expression)) }}
{% endmacro %}

{% macro default__parse_timestamp(text_expression) -%}
    case
        when {{ text_expression }} ~ '\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*([zZ]|[+-]\d{2}(:?\d{2})?)$'
            then cast(cast({{ text_expression }} as timestamp with time zone) at time zone 'UTC' as timestamp)
        else cast({{ text_expression }} as timestamp)
    end
{%- endmacro %}

{% macro duckdb__parse_timestamp(text_expression) -%}
    case
        when regexp_matches({{ text_expression }}, '\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*([zZ]|[+-]\d{2}(:?\d{2})?)$')
            then try_cast({{ text_expression }} as timestamptz) at time zone 'UTC'
        else try_cast({{ text_expression }} as timestamp)
    end
{%- endmacro %}
