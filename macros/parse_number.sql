{#- Strict text -> number and text -> integer: plain decimal notation only, so 2.5 is not the
    integer 3 and 0x2, 1_0, 1e1 (for integers), NaN, inf and denormal numbers are NULL (a reject
    with a reason), never a changed value. -#}
{% macro parse_number(text_expression) %}
    {{ return(adapter.dispatch('parse_number', 'support_kpis')(text_expression)) }}
{% endmacro %}

{% macro parse_integer(text_expression) %}
    {{ return(adapter.dispatch('parse_integer', 'support_kpis')(text_expression)) }}
{% endmacro %}

{#- digits with an optional sign, fraction and exponent; nothing else reads as a number -#}
{% macro parse_number_pattern() -%}
    ^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$
{%- endmacro %}

{#- the smallest normal double: anything closer to zero (but not zero) is a denormal -#}
{% macro parse_number_smallest_normal() -%}
    2.2250738585072014e-308
{%- endmacro %}

{% macro default__parse_number(text_expression) -%}
    case
        when {{ regex_matches(text_expression, parse_number_pattern()) }}
            and abs(cast({{ text_expression }} as {{ type_double() }})) < cast('Infinity' as {{ type_double() }})
            and (
                cast({{ text_expression }} as {{ type_double() }}) = 0
                or abs(cast({{ text_expression }} as {{ type_double() }})) >= {{ parse_number_smallest_normal() }}
            )
            then cast({{ text_expression }} as {{ type_double() }})
    end
{%- endmacro %}

{% macro duckdb__parse_number(text_expression) -%}
    case
        when regexp_full_match({{ text_expression }}, '{{ parse_number_pattern() }}')
            and isfinite(try_cast({{ text_expression }} as double))
            and (
                try_cast({{ text_expression }} as double) = 0
                or abs(try_cast({{ text_expression }} as double)) >= {{ parse_number_smallest_normal() }}
            )
            then try_cast({{ text_expression }} as double)
    end
{%- endmacro %}

{% macro default__parse_integer(text_expression) -%}
    case
        when {{ regex_matches(text_expression, '^[+-]?[0-9]{1,9}$') }}
            then cast({{ text_expression }} as {{ api.Column.translate_type('integer') }})
    end
{%- endmacro %}

{% macro duckdb__parse_integer(text_expression) -%}
    case
        when regexp_full_match({{ text_expression }}, '^[+-]?[0-9]+$')
            then try_cast({{ text_expression }} as integer)
    end
{%- endmacro %}
