{#- Factor that turns a value in `from_unit` into `to_unit` (SQL expressions holding a unit name:
    seconds, minutes, hours or days); 1 when either is not a duration (or NULL), so a fraction or
    a score passes unchanged. -#}
{% macro duration_unit_factor(from_unit, to_unit) -%}
    {%- set seconds_in = {'seconds': 1, 'minutes': 60, 'hours': 3600, 'days': 86400} -%}
    coalesce(
        {%- for unit_expression in [from_unit, to_unit] %}
        case {{ unit_expression }}
            {%- for unit, seconds in seconds_in.items() %}
            when '{{ unit }}' then {{ seconds }}.0
            {%- endfor %}
        end{{ ' /' if loop.first }}
        {%- endfor %},
        1
    )
{%- endmacro %}
