{#- Text -> boolean: true/false, t/f, yes/no, y/n, 1/0 in any case; anything else NULL
    (the base model turns a non-blank unparseable value into a reject). -#}
{% macro parse_boolean(text_expression) -%}
    case
        when lower({{ text_expression }}) in ('true', 't', 'yes', 'y', '1') then true
        when lower({{ text_expression }}) in ('false', 'f', 'no', 'n', '0') then false
    end
{%- endmacro %}
