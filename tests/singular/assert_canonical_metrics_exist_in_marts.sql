-- Asserts that every canonical metric of seed canonical_metrics exists as a column of its mart in
-- schema marts (as built, read through the adapter) and has a description in that mart's YAML.
-- depends_on: {{ ref('kpi_daily') }}, {{ ref('backlog_daily') }}, {{ ref('agents_weekly') }}
-- depends_on: {{ ref('agent_turnover_monthly') }}, {{ ref('response_times_daily') }}, {{ ref('nps_monthly') }}
-- depends_on: {{ ref('time_to_resolution_by_path_monthly') }}, {{ ref('ai_answer_quality_monthly') }}
-- depends_on: {{ ref('cost_monthly') }}, {{ ref('false_escalation_cost_monthly') }}, {{ ref('missed_escalation_signal') }}
-- depends_on: {{ ref('deflection_ladder') }}
{%- set documented = [] -%}
{%- if execute -%}
{%- for node in graph.nodes.values() if node.resource_type == 'model' and node.config.schema == 'marts' -%}
{%- for column_name, column in node.columns.items() if column.description | trim -%}
{%- do documented.append(node.name ~ '.' ~ column_name) -%}
{%- endfor -%}
{%- endfor -%}
{%- endif %}
{%- set built_columns = built_mart_columns() %}
with

canonical_metrics as (

    select * from {{ ref('canonical_metrics') }}

),

mart_columns as (

    select
        cast(null as {{ dbt.type_string() }}) as table_name,
        cast(null as {{ dbt.type_string() }}) as column_name
    {%- for column in built_columns %}
    union all
    select
        '{{ column.table | lower }}' as table_name,
        '{{ column.column | lower }}' as column_name
    {%- endfor %}

),

documented_columns as (

    {%- for entry in documented %}
    select '{{ entry }}' as mart_column_key
    {{- '\n    union all' if not loop.last }}
    {%- endfor %}
    {%- if not documented %}
    select cast(null as {{ dbt.type_string() }}) as mart_column_key
    {%- endif %}

),

final as (

    select
        canonical_metrics.metric,
        canonical_metrics.mart,
        canonical_metrics.mart_column,
        case
            when mart_columns.column_name is null then 'missing from the built mart'
            else 'no description in the mart YAML'
        end as problem
    from canonical_metrics
    left join mart_columns
        on
            lower(canonical_metrics.mart) = mart_columns.table_name
            and lower(canonical_metrics.mart_column) = mart_columns.column_name
    left join documented_columns
        on canonical_metrics.mart || '.' || canonical_metrics.mart_column = documented_columns.mart_column_key
    where mart_columns.column_name is null or documented_columns.mart_column_key is null

)

select * from final
