{#- dbt-spark's seed loader for the session method pastes each value into the SQL between quotes
    without escaping them, so a seed text with an apostrophe (New Year's Day) breaks the insert.
    This one writes every value as an escaped literal instead. -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set rows = [] -%}
    {%- for row in agate_table.rows -%}
        {%- set values = [] -%}
        {%- for col_name in agate_table.column_names -%}
            {%- set value = row[loop.index0] -%}
            {%- set data_type = column_override.get(col_name, adapter.convert_type(agate_table, loop.index0)) -%}
            {%- if value is none -%}
                {%- do values.append('cast(null as ' ~ data_type ~ ')') -%}
            {%- else -%}
                {%- do values.append("cast('" ~ (value | string | replace('\\', '\\\\') | replace("'", "\\'")) ~ "' as " ~ data_type ~ ")") -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do rows.append('(' ~ values | join(', ') ~ ')') -%}
    {%- endfor -%}
    {%- set sql = 'insert into ' ~ this.render() ~ ' values ' ~ rows | join(', ') -%}
    {%- if rows | length > 0 -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
    {%- endif -%}
    {{ return(sql) }}
{% endmacro %}
