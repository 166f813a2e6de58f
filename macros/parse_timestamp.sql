{#- Text -> naive UTC timestamp, or NULL when unparseable. A value with an offset (Z, +05:30,
    -0500, +05, a space before it, or minutes without seconds as in 10:00+01:00) is converted to
    UTC; a value without one is UTC already. The session time zone never matters: offset-less
    text is cast to a plain timestamp, never to timestamptz. An offset that does not parse gives
    NULL (a reject), never a value read as if it were UTC. -#}
{% macro parse_timestamp(text_expression) %}
    {{ return(adapter.dispatch('parse_timestamp', 'support_kpis')(text_expression)) }}
{% endmacro %}

{#- the offset forms: Z, +05, +0530, +05:30, and +05:30:00 (which then fails to cast: a reject) -#}
{% macro parse_timestamp_offset_pattern() -%}
    ^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*([zZ]|[+-]\d{2}(:?\d{2}){0,2})$
{%- endmacro %}

{#- the only shapes read without an offset: a date, or a date and time. Anything else (an offset
    the pattern above did not take, `epoch`, `infinity`, a `(BC)` suffix, a five-digit year) is
    NULL: the timestamp cast would read `10:00-05:00<junk>` as 10:00 UTC, dropping the offset. -#}
{% macro parse_timestamp_naive_pattern() -%}
    ^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$
{%- endmacro %}

{#- glue the offset to the time and give hh:mm a :00, the forms the timestamptz cast reads -#}
{% macro parse_timestamp_offset_normalised(text_expression) -%}
    regexp_replace(
        regexp_replace({{ text_expression }}, '\s+([zZ]|[+-]\d{2}(:?\d{2}){0,2})$', '\1'),
        '^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2})([zZ+-])', '\1:00\2'
    )
{%- endmacro %}

{% macro default__parse_timestamp(text_expression) -%}
    case
        when {{ text_expression }} ~ '{{ parse_timestamp_offset_pattern() }}'
            then cast(cast({{ parse_timestamp_offset_normalised(text_expression) }} as timestamp with time zone) at time zone 'UTC' as timestamp)
        when {{ text_expression }} ~ '{{ parse_timestamp_naive_pattern() }}'
            then cast({{ text_expression }} as timestamp)
    end
{%- endmacro %}

{% macro duckdb__parse_timestamp(text_expression) -%}
    case
        when regexp_matches({{ text_expression }}, '{{ parse_timestamp_offset_pattern() }}')
            then try_cast({{ parse_timestamp_offset_normalised(text_expression) }} as timestamptz) at time zone 'UTC'
        when regexp_matches({{ text_expression }}, '{{ parse_timestamp_naive_pattern() }}')
            then try_cast({{ text_expression }} as timestamp)
    end
{%- endmacro %}
