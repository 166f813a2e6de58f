{#- `value` (in `from_unit`) expressed in `to_unit`, where both units are SQL expressions holding a
    unit name. Between durations (seconds, minutes, hours, days) the value is converted, multiplied
    before it is divided so whole targets stay exact; any other pair (a fraction, a score, NULL)
    leaves the value unchanged. -#}
{% macro convert_duration(value, from_unit, to_unit) -%}
    {%- set seconds_in = {'seconds': 1, 'minutes': 60, 'hours': 3600, 'days': 86400} -%}
    {%- set units = "('" ~ seconds_in.keys() | join("', '") ~ "')" -%}
    case
        when {{ from_unit }} in {{ units }} and {{ to_unit }} in {{ units }} then
            {{ value }}
            {%- for unit_expression in [from_unit, to_unit] %}
            {{ '*' if loop.first else '/' }} case {{ unit_expression }}
                {%- for unit, seconds in seconds_in.items() %}
                when '{{ unit }}' then {{ seconds }}.0
                {%- endfor %}
            end
            {%- endfor %}
        else {{ value }}
    end
{%- endmacro %}
