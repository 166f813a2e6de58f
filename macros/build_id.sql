{#- The build that made a mart: dbt's invocation id, the key of raw.build_log. Every mart selects
    it as its last column, so a warehouse whose marts hold different ids (one mart rebuilt alone,
    a build killed half way) is found by check-marts and by the test from_the_last_build. -#}
{% macro build_id() -%}
    cast('{{ invocation_id }}' as {{ dbt.type_string() }})
{%- endmacro %}
