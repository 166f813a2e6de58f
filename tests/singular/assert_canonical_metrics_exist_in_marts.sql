-- Asserts that every canonical metric of seed canonical_metrics exists as a column of its mart in
-- schema marts (as built, read through the adapter) and has a description in that mart's YAML.
-- depends_on: {{ ref('kpi_daily') }}, {{ ref('backlog_daily') }}, {{ ref('agents_weekly') }}
-- depends_on: {{ ref('agent_turnover_monthly') }}, {{ ref('kpi_daily_percentiles') }}, {{ ref('nps_monthly') }}
-- depends_on: {{ ref('time_to_resolution_by_path_monthly') }}, {{ ref('ai_answer_quality_monthly') }}
-- depends_on: {{ ref('cost_monthly') }}, {{ ref('false_escalation_cost_monthly') }}, {{ ref('missed_escalation_signal') }}
-- depends_on: {{ ref('deflection_ladder') }}
{#- Both sets are `mart.column` keys in an `in (...)` list, not a union of one-row selects: Spark
    plans a union of a thousand branches for minutes. '' keeps a list valid when it is empty and
    matches no key (a key always has its dot). -#}
{%- set documented = ["''"] -%}
{%- set built = ["''"] -%}
{%- if execute -%}
{%- for node in graph.nodes.values() if node.resource_type == 'model' and node.config.schema == 'marts' -%}
{%- for column_name, column in node.columns.items() if column.description | trim -%}
{%- do documented.append("'" ~ (node.name ~ '.' ~ column_name) | lower ~ "'") -%}
{%- endfor -%}
{%- endfor -%}
{%- for column in built_mart_columns() -%}
{%- do built.append("'" ~ (column.table ~ '.' ~ column.column) | lower ~ "'") -%}
{%- endfor -%}
{%- endif %}
with

canonical_metrics as (

    select * from {{ ref('canonical_metrics') }}

),

keyed as (

    select
        metric,
        mart,
        mart_column,
        lower(mart) || '.' || lower(mart_column) as mart_column_key
    from canonical_metrics

),

final as (

    select
        metric,
        mart,
        mart_column,
        case
            when mart_column_key not in ({{ built | join(', ') }}) then 'missing from the built mart'
            else 'no description in the mart YAML'
        end as problem
    from keyed
    where
        mart_column_key not in ({{ built | join(', ') }})
        or mart_column_key not in ({{ documented | join(', ') }})

)

select * from final
