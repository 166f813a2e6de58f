{#- Keyword after `<cte> as` that makes the planner compute a CTE once instead of inlining it
    into every reference (Postgres inlines a CTE read once, and repeats its expressions). -#}
{% macro cte_materialized() -%}
    {{ return(adapter.dispatch('cte_materialized', 'support_kpis')()) }}
{%- endmacro %}

{% macro default__cte_materialized() -%}
{%- endmacro %}

{% macro postgres__cte_materialized() -%}
    materialized 
{%- endmacro %}
