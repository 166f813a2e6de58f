{#- True when `value <comparator> target` holds, for a comparator column holding '>=', '<=', '<'
    or '>' (seed kpi_targets); NULL when the value or the target is NULL. -#}
{% macro meets_target(value, comparator, target) -%}
    case {{ comparator }}
        when '>=' then {{ value }} >= {{ target }}
        when '<=' then {{ value }} <= {{ target }}
        when '<' then {{ value }} < {{ target }}
        when '>' then {{ value }} > {{ target }}
    end
{%- endmacro %}
