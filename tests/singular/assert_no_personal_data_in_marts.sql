-- No mart has a column named like personal data (%email%, %phone%), and no text value in a mart looks like an email address.
{# The marts' columns are read through the adapter when the test runs (built_mart_columns), so
    every mart built by then is scanned (fct_tickets, which the test depends on, always). Failing
    rows name the relation and column and count the values, never show them. #}
-- depends_on: {{ ref('kpi_daily') }}
{%- set fct = ref('fct_tickets') -%}
{%- set columns = built_mart_columns() %}
with

marts_columns as (

    select
        cast(null as {{ dbt.type_string() }}) as table_name,
        cast(null as {{ dbt.type_string() }}) as column_name
    {%- for column in columns %}
    union all
    select
        '{{ column.table }}' as table_name,
        '{{ column.column }}' as column_name
    {%- endfor %}

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

    -- if fct_tickets' columns are not found the scan below sees nothing: that is a failure, not a pass
    select 'fct_tickets not found among the built marts: the scan is blind' as problem
    where not exists (
        select 1 from marts_columns
        where lower(marts_columns.table_name) = lower('{{ fct.identifier }}')
    )

),

email_like_values as (

    select cast(null as {{ dbt.type_string() }}) as problem
    {%- for column in columns if column.is_text %}
    union all
    select
        'value of {{ column.table }}.{{ column.column }} looks like an email address ('
        || cast(count(*) as {{ dbt.type_string() }}) || ' rows)' as problem
    from {{ api.Relation.create(database=fct.database, schema=fct.schema, identifier=column.table) }}
    where {{ adapter.quote(column.column) }} like '%_@_%._%'
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
