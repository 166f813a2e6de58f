-- No mart has a column named like personal data (%email%, %phone%), and no text value in a mart looks like an email address.
{# The marts' columns are read through the adapter when the test runs (built_mart_columns), so
    every mart built by then is scanned (fct_tickets, which the test depends on, always). Failing
    rows name the relation and column and count the values, never show them. One scan per mart,
    not per column: Spark overflows its stack on a union of some hundred branches. #}
-- depends_on: {{ ref('kpi_daily') }}
{%- set fct = ref('fct_tickets') -%}
{%- set columns = built_mart_columns() -%}
{%- set personal_named = [] -%}
{%- set text_columns_by_table = {} -%}
{%- for column in columns -%}
{%- if modules.re.search('email|e.mail|phone', column.column | lower) -%}
{%- do personal_named.append(column.table ~ '.' ~ column.column) -%}
{%- endif -%}
{%- if column.is_text -%}
{%- do text_columns_by_table.setdefault(column.table, []).append(column.column) -%}
{%- endif -%}
{%- endfor -%}
{%- set fct_found = columns | selectattr('table', 'equalto', fct.identifier) | list | length > 0 %}
with

personal_data_columns as (

    select cast(null as {{ dbt.type_string() }}) as problem
    {%- for name in personal_named %}
    union all
    select 'column {{ name }} is named like personal data' as problem
    {%- endfor %}

),

blind_check as (

    -- if fct_tickets' columns are not found the scan below sees nothing: that is a failure, not a pass
    select cast(null as {{ dbt.type_string() }}) as problem
    {%- if execute and not fct_found %}
    union all
    select 'fct_tickets not found among the built marts: the scan is blind' as problem
    {%- endif %}

),

email_like_values as (

    select cast(null as {{ dbt.type_string() }}) as problem
    {%- for table, text_columns in text_columns_by_table.items() %}
    union all
    select
        'value of {{ table }}.'
        || min(case
            {%- for column in text_columns %}
            when {{ adapter.quote(column) }} like '%_@_%._%' then '{{ column }}'
            {%- endfor %}
        end)
        || ' looks like an email address (' || cast(count(*) as {{ dbt.type_string() }}) || ' rows)' as problem
    from {{ api.Relation.create(database=fct.database, schema=fct.schema, identifier=table) }}
    {%- set email_like = [] -%}
    {%- for column in text_columns -%}
    {%- do email_like.append(adapter.quote(column) ~ " like '%_@_%._%'") -%}
    {%- endfor %}
    where {{ email_like | join(' or ') }}
    having count(*) > 0
    {%- endfor %}

),

final as (

    select problem from personal_data_columns
    union all
    select problem from blind_check
    union all
    select problem from email_like_values

)

select * from final
where problem is not null
