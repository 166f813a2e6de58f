{#- Post-hook of every model: fresh planner statistics where the warehouse does not gather them
    itself. Postgres analyses a new table only when autovacuum gets to it, and until then plans
    joins on CTEs as if they had a couple of rows (nested loops over tens of thousands). -#}
{% macro analyze_table() -%}
    {{ return(adapter.dispatch('analyze_table', 'support_kpis')()) }}
{%- endmacro %}

{% macro default__analyze_table() -%}
{%- endmacro %}

{% macro postgres__analyze_table() -%}
    {%- if model.config.materialized in ['table', 'incremental'] -%}
        analyze {{ this }}
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook of every model: Postgres estimates a filtered CTE at a few rows and then joins it in
    a nested loop, which on tables without indexes (all of ours) reads the inner side once per
    outer row; hash and merge joins are always the right plan here. -#}
{% macro planner_settings() -%}
    {{ return(adapter.dispatch('planner_settings', 'support_kpis')()) }}
{%- endmacro %}

{% macro default__planner_settings() -%}
{%- endmacro %}

{% macro postgres__planner_settings() -%}
    set enable_nestloop = off
{%- endmacro %}
