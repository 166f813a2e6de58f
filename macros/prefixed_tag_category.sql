{#- The category a connector tag names: the rest of the tag after `prefix` when the tag starts
    with it and goes on, else NULL. `tag` is an expression already trimmed and lower case;
    `prefix` a lower-case string (a var). -#}
{% macro prefixed_tag_category(tag, prefix) -%}
    case
        when
            substr({{ tag }}, 1, {{ prefix | length }}) = '{{ prefix | replace("'", "''") }}'
            and {{ dbt.length(tag) }} > {{ prefix | length }}
            then substr({{ tag }}, {{ prefix | length + 1 }})
    end
{%- endmacro %}
