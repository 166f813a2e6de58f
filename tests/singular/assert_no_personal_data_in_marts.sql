-- No mart has a column named like personal data (%email%, %phone%), and no text value in a mart looks like an email address.
{# The text columns are read from information_schema when the test runs, so every mart built by
    then is scanned (fct_tickets, which the test depends on, always). Failing rows name the relation
    and column and count the values, never show them. #}
-- depends_on: {{ ref('kpi_daily') }}
{%- set fct = ref('fct_tickets') -%}
{%- set text_columns = [] -%}
{%- set text_columns_query -%}
select table_name, column_name
from information_schema.columns
where
    lower(table_catalog) = lower('{{ fct.database }}')
    and lower(table_schema) = lower('{{ fct.schema }}')
    and (lower(data_type) like '%char%' or lower(data_type) in ('text', 'string'))
order by table_name, column_name
{%- endset -%}
{%- if execute -%}
{%- for row in run_query(text_columns_query).rows -%}
{%- do text_columns.append({'table': row[0], 'column': row[1]}) -%}
{%- endfor -%}
{%- endif %}
with

marts_columns as (

    select
        table_name,
        column_name
    from information_schema.columns
    where
        lower(table_catalog) = lower('{{ fct.database }}')
        and lower(table_schema) = lower('{{ fct.schema }}')

),

personal_data_columns as (

    select 'column ' || table_name || '.' || column_name || ' is named like personal data' as problem
    from marts_columns
    where
        lower(column_name) like '%email%'
        or lower(column_name) like '%e_mail%'
        or lower(column_name) like '%phone%'

),

blind_check as (

    -- if fct_tickets is not found the scan below sees nothing: that is a failure, not a pass
    select 'fct_tickets not found in information_schema: the scan is blind' as problem
    where not exists (
        select 1 from marts_columns
        where lower(marts_columns.table_name) = lower('{{ fct.identifier }}')
    )

),

email_like_values as (

    select cast(null as {{ dbt.type_string() }}) as problem
    {%- for text_column in text_columns %}
    union all
    select
        'value of {{ text_column.table }}.{{ text_column.column }} looks like an email address ('
        || cast(count(*) as {{ dbt.type_string() }}) || ' rows)' as problem
    from {{ api.Relation.create(database=fct.database, schema=fct.schema, identifier=text_column.table) }}
    where {{ adapter.quote(text_column.column) }} like '%_@_%._%'
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
