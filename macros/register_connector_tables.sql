{#- Called by on-run-start after register_raw_exports. With var source_system zendesk or
    intercom, makes each connector table of each connection (connector_connections) a view
    <schema>.<table> over <raw_path>/<table>.csv|.parquet, every column text. A missing required
    table or column, or a table found as both CSV and Parquet, stops the build with one message
    that lists every problem. A connection whose folder holds none of the required tables is read
    from its schema as it is (tables loaded there by an EL tool). Other warehouses: the tables are
    in the schema already; the adapter models check them. -#}
{% macro register_connector_tables() %}
    {{ return(adapter.dispatch('register_connector_tables', 'support_kpis')()) }}
{% endmacro %}

{% macro default__register_connector_tables() %}
    {{ return('select 1') }}
{% endmacro %}

{% macro duckdb__register_connector_tables() %}
    {%- set system = var('source_system', 'files') -%}
    {%- if not execute or system not in ['zendesk', 'intercom'] -%}{{ return('select 1') }}{%- endif -%}
    {%- set csv_options = "header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"'" -%}
    {%- set problems = [] -%}
    {%- set statements = [] -%}
    {%- set tables = connector_tables(system) -%}
    {%- for connection in connector_connections(system) if connection.raw_path -%}
        {%- set folder = connection.raw_path | string | replace("'", "''") -%}
        {%- set found_tables = {} -%}
        {%- for table in tables -%}
            {%- set found = [] -%}
            {%- for file_format in ['csv', 'parquet'] -%}
                {%- set path = folder ~ '/' ~ table.name ~ '.' ~ file_format -%}
                {%- if run_query("select count(*) from glob('" ~ path ~ "')").columns[0].values()[0] > 0 -%}
                    {%- do found.append({'path': path, 'format': file_format}) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do found_tables.update({table.name: found}) -%}
        {%- endfor -%}
        {%- set required_found = [] -%}
        {%- for table in tables if table.required and found_tables[table.name] | length > 0 -%}
            {%- do required_found.append(table.name) -%}
        {%- endfor -%}
        {%- if required_found | length > 0 -%}
            {%- set schema = adapter.quote(connection.schema) -%}
            {%- do statements.append("create schema if not exists " ~ schema) -%}
            {%- for table in tables -%}
                {%- set found = found_tables[table.name] -%}
                {%- set view = schema ~ "." ~ adapter.quote(table.name) -%}
                {%- if found | length == 0 -%}
                    {%- if table.required -%}
                        {%- do problems.append(system ~ " table '" ~ table.name ~ ".csv' (or .parquet) is missing from '" ~ folder ~ "' (connection '" ~ connection.name ~ "')") -%}
                    {%- endif -%}
                    {#- an optional table that is absent: no view, the adapter reads no rows -#}
                    {%- do statements.append("drop view if exists " ~ view) -%}
                {%- elif found | length > 1 -%}
                    {%- do problems.append("both '" ~ table.name ~ ".csv' and '" ~ table.name ~ ".parquet' are in '" ~ folder ~ "': keep one") -%}
                {%- else -%}
                    {%- set file = found[0] -%}
                    {%- if file.format == 'csv' -%}
                        {%- set reader = "read_csv('" ~ file.path ~ "', " ~ csv_options ~ ")" -%}
                    {%- else -%}
                        {%- set reader = "read_parquet('" ~ file.path ~ "')" -%}
                    {%- endif -%}
                    {%- set described = run_query("describe select * from " ~ reader) -%}
                    {%- set file_columns = [] -%}
                    {%- for name in described.columns[0].values() -%}
                        {%- do file_columns.append(name | trim | lower) -%}
                    {%- endfor -%}
                    {%- for column in table.columns if column.required and column.name not in file_columns -%}
                        {%- do problems.append("file '" ~ file.path ~ "' is missing required column '" ~ column.name ~ "'") -%}
                    {%- endfor -%}
                    {%- do statements.append("create or replace view " ~ view ~ " as select * from " ~ reader) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if problems | length > 0 -%}
        {{ exceptions.raise_compiler_error("support_kpis: the " ~ system ~ " connector tables are incomplete:\n  - " ~ problems | join("\n  - ")) }}
    {%- endif -%}
    {%- for statement in statements -%}
        {%- do run_query(statement) -%}
    {%- endfor -%}
    {#- the inventory names the adapter as where the entities it produces come from; an entity is
        present when its connector table is there in at least one connection -#}
    {%- set locations = [] -%}
    {%- set existing = [] -%}
    {%- for connection in connector_connections(system) -%}
        {%- do locations.append(connection.name ~ '=' ~ (connection.raw_path or (connection.database ~ '.' ~ connection.schema))) -%}
        {%- for name in run_query("select table_name from information_schema.tables where table_schema = '" ~ connection.schema | replace("'", "''") ~ "'").columns[0].values() -%}
            {%- do existing.append(name | lower) -%}
        {%- endfor -%}
    {%- endfor -%}
    {#- columns that held only NULLs were typed by DuckDB as integers -#}
    {%- do run_query("alter table raw.export_inventory alter file_path type varchar") -%}
    {%- do run_query("alter table raw.export_inventory alter file_format type varchar") -%}
    {%- for entity, table_name in adapter_entity_source_tables(system).items() -%}
        {%- do run_query(
            "update raw.export_inventory set is_present = " ~ (table_name in existing) ~ ", file_format = '" ~ system ~ "', file_path = '"
            ~ (system ~ ' adapter, table ' ~ table_name ~ ': ' ~ locations | join(', ')) | replace("'", "''")
            ~ "' where entity = '" ~ entity ~ "'"
        ) -%}
    {%- endfor -%}
    {{ return('select 1') }}
{% endmacro %}
