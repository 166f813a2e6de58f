{#- Called by on-run-start. Makes every contract entity a relation raw.<entity> with every contract
    column as text, and writes raw.export_inventory. A missing required file or column stops the
    build with one message that lists every such problem, naming the file and the column.
    A CSV file that DuckDB could not read (empty, or not UTF-8) is reported the same way, by name,
    instead of a database error halfway through the build; so is a line longer than 32 MB. -#}
{% macro register_raw_exports() %}
    {{ return(adapter.dispatch('register_raw_exports', 'support_kpis')()) }}
{% endmacro %}

{#- Other warehouses: raw.<entity> are tables with text columns, loaded by an EL tool or by
    `support-kpis load`. The same checks as on files: a missing required table or column stops
    the build with one message naming each; an absent optional table becomes an empty one and an
    absent optional column a NULL one (both added here). An entity counts as present when its
    table has a row (an EL tool creates empty tables for unsynced objects). -#}
{% macro default__register_raw_exports() %}
    {%- if not execute -%}{{ return('select 1') }}{%- endif -%}
    {%- set raw_schema = var('raw_schema') -%}
    {#- Spark has no database above the schema -#}
    {%- set raw_database = target.database if target.database is defined else none -%}
    {%- set problems = [] -%}
    {%- set missing_tables = [] -%}
    {%- set missing_columns = {} -%}
    {%- set relations = {} -%}
    {%- for node in raw_contract_entities() -%}
        {%- set entity = raw_contract_entity(node.name) -%}
        {%- set relation = adapter.get_relation(database=raw_database, schema=raw_schema, identifier=entity.name) -%}
        {%- if relation is none -%}
            {%- if entity.meta.get('required_export') -%}
                {%- do problems.append("required table '" ~ raw_schema ~ "." ~ entity.name ~ "' (export " ~ entity.name ~ ".csv or .parquet) is missing from schema '" ~ raw_schema ~ "'") -%}
            {%- endif -%}
            {%- do missing_tables.append(entity) -%}
        {%- else -%}
            {%- do relations.update({entity.name: relation}) -%}
            {%- set present = [] -%}
            {%- for column in adapter.get_columns_in_relation(relation) -%}
                {%- do present.append(column.name | lower) -%}
            {%- endfor -%}
            {%- set absent = [] -%}
            {%- for column in entity.columns if column.name not in present -%}
                {%- if column.required -%}
                    {%- do problems.append("table '" ~ raw_schema ~ "." ~ entity.name ~ "' is missing required column '" ~ column.name ~ "'") -%}
                {%- endif -%}
                {%- do absent.append(api.Column.create(column.name, dbt.type_string())) -%}
            {%- endfor -%}
            {%- if absent | length > 0 -%}
                {%- do missing_columns.update({entity.name: absent}) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}

    {%- if problems | length > 0 -%}
        {{ exceptions.raise_compiler_error("support_kpis: the raw exports do not follow the contract (../shared/spec/raw-exports.md):\n  - " ~ problems | join("\n  - ")) }}
    {%- endif -%}

    {%- do adapter.create_schema(api.Relation.create(database=raw_database, schema=raw_schema)) -%}
    {%- for entity in missing_tables -%}
        {%- set relation = api.Relation.create(database=raw_database, schema=raw_schema, identifier=entity.name, type='table') -%}
        {%- set empty_columns = [] -%}
        {%- for column in entity.columns -%}
            {%- do empty_columns.append("cast(null as " ~ dbt.type_string() ~ ") as " ~ column.name) -%}
        {%- endfor -%}
        {%- do run_query(create_table_as(false, relation, "select " ~ empty_columns | join(', ') ~ " where 1 = 0")) -%}
    {%- endfor -%}
    {%- for entity_name, columns in missing_columns.items() -%}
        {%- do alter_relation_add_remove_columns(relations[entity_name], columns, none) -%}
    {%- endfor -%}

    {%- set inventory = [] -%}
    {%- for node in raw_contract_entities() -%}
        {%- do inventory.append(
            "select '" ~ node.name ~ "' as entity, "
            ~ "case when count(*) > 0 then '" ~ raw_schema ~ "." ~ node.name ~ "' end as file_path, "
            ~ "case when count(*) > 0 then 'table' end as file_format, "
            ~ "count(*) > 0 as is_present from (select 1 as one from " ~ raw_schema ~ "." ~ node.name ~ " limit 1) as probe"
        ) -%}
    {%- endfor -%}
    {#- a view, replaced in place: dropping it would drop the staging view that reads it -#}
    {%- set existing = adapter.get_relation(database=raw_database, schema=raw_schema, identifier='export_inventory') -%}
    {%- if existing is not none and not existing.is_view -%}
        {%- do adapter.drop_relation(existing) -%}
    {%- endif -%}
    {%- set inventory_relation = api.Relation.create(database=raw_database, schema=raw_schema, identifier='export_inventory', type='view') -%}
    {%- do run_query("create or replace view " ~ inventory_relation ~ " as " ~ inventory | join(' union all ')) -%}
    {{ return('select 1') }}
{% endmacro %}

{% macro duckdb__register_raw_exports() %}
    {%- if not execute -%}{{ return('select 1') }}{%- endif -%}
    {%- set raw_path = var('raw_path') | string | replace("'", "''") -%}
    {#- DuckDB allocates read buffers of 16 x max_line_size unless told otherwise: a 32 MB line limit
        with 64 MB buffers reads any realistic free-text field without running out of memory. -#}
    {%- set max_line_bytes = 33554432 -%}
    {%- set csv_options = "header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', max_line_size = " ~ max_line_bytes ~ ", buffer_size = " ~ 2 * max_line_bytes -%}
    {%- set problems = [] -%}
    {%- set statements = [] -%}
    {%- set inventory = [] -%}
    {#- with a connector, contract files are read only from a folder that holds its tables: a
        connector in a schema never picks up the default raw_path (the demo) -#}
    {%- set system = var('source_system', 'files') -%}
    {%- set read_files = system == 'files' or connector_tables_in_folder(system, var('raw_path')) -%}
    {%- for node in raw_contract_entities() -%}
        {%- set entity = raw_contract_entity(node.name) -%}
        {%- set found = [] -%}
        {%- for file_format in (['csv', 'parquet'] if read_files else []) -%}
            {%- set path = raw_path ~ '/' ~ entity.name ~ '.' ~ file_format -%}
            {%- if run_query("select count(*) from glob('" ~ path ~ "')").columns[0].values()[0] > 0 -%}
                {%- do found.append({'path': path, 'format': file_format}) -%}
            {%- endif -%}
        {%- endfor -%}

        {%- if found | length == 0 -%}
            {#- with a connector (source_system zendesk, intercom) the adapter supplies the required entities -#}
            {%- if entity.meta.get('required_export') and var('source_system', 'files') == 'files' -%}
                {%- do problems.append("required file '" ~ entity.name ~ ".csv' (or .parquet) is missing from raw_path '" ~ raw_path ~ "'") -%}
            {%- endif -%}
            {#- An optional export that is absent: an empty relation, and its KPIs become NULL. -#}
            {%- set empty_columns = [] -%}
            {%- for column in entity.columns -%}
                {%- do empty_columns.append("cast(null as varchar) as " ~ column.name) -%}
            {%- endfor -%}
            {%- do statements.append("create or replace view " ~ var('raw_schema') ~ "." ~ entity.name ~ " as select " ~ empty_columns | join(', ') ~ " where false") -%}
            {%- do inventory.append("('" ~ entity.name ~ "', null, null, false)") -%}
        {%- elif found | length > 1 -%}
            {%- do problems.append("both '" ~ entity.name ~ ".csv' and '" ~ entity.name ~ ".parquet' are in raw_path '" ~ raw_path ~ "': keep one") -%}
        {%- else -%}
            {%- set file = found[0] -%}
            {%- set unreadable = none -%}
            {%- if file.format == 'csv' -%}
                {#- read_blob + try(decode()) checks the bytes without failing on them -#}
                {%- set bytes = run_query(
                    "select size, try(decode(content)) is null, "
                    ~ "coalesce(trim(try(decode(content)), ' ' || chr(9) || chr(10) || chr(13) || chr(65279)) = '', false), "
                    ~ "case when size > " ~ max_line_bytes ~ " then list_max(list_transform(string_split(try(decode(content)), chr(10)), line -> strlen(line))) end "
                    ~ "from read_blob('" ~ file.path ~ "')"
                ).rows[0] -%}
                {%- if bytes[0] == 0 or bytes[2] -%}
                    {%- set unreadable = "file '" ~ file.path ~ "' is empty: expected a header row with the contract columns" -%}
                {%- elif bytes[1] -%}
                    {%- set unreadable = "file '" ~ file.path ~ "' is not UTF-8 (Latin-1 or another encoding?): re-export it as UTF-8, e.g. iconv -f latin1 -t utf-8" -%}
                {%- elif bytes[3] is not none and bytes[3] > max_line_bytes -%}
                    {%- set unreadable = "file '" ~ file.path ~ "' has a line longer than " ~ (max_line_bytes // 1048576) ~ " MB: shorten the free-text column or export it as Parquet" -%}
                {%- endif -%}
            {%- endif -%}
            {%- if unreadable is not none -%}
                {%- do problems.append(unreadable) -%}
            {%- elif file.format == 'csv' -%}
                {%- set reader = "read_csv('" ~ file.path ~ "', " ~ csv_options ~ ")" -%}
            {%- else -%}
                {%- set reader = "read_parquet('" ~ file.path ~ "')" -%}
            {%- endif -%}
            {%- if unreadable is none -%}
            {%- set file_columns = run_query("describe select * from " ~ reader).columns[0].values() -%}
            {#- Header names are matched after trimming and lower-casing; extra columns are ignored. -#}
            {%- set by_name = {} -%}
            {%- for file_column in file_columns -%}
                {%- do by_name.update({file_column | trim | lower: file_column}) -%}
            {%- endfor -%}
            {%- set select_list = [] -%}
            {%- for column in entity.columns -%}
                {%- if column.name in by_name -%}
                    {%- do select_list.append('cast("' ~ by_name[column.name] | replace('"', '""') ~ '" as varchar) as ' ~ column.name) -%}
                {%- else -%}
                    {%- if column.required -%}
                        {%- do problems.append("file '" ~ file.path ~ "' is missing required column '" ~ column.name ~ "'") -%}
                    {%- endif -%}
                    {%- do select_list.append("cast(null as varchar) as " ~ column.name) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do statements.append("create or replace view " ~ var('raw_schema') ~ "." ~ entity.name ~ " as select " ~ select_list | join(', ') ~ " from " ~ reader) -%}
            {%- do inventory.append("('" ~ entity.name ~ "', '" ~ file.path ~ "', '" ~ file.format ~ "', true)") -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}

    {%- if problems | length > 0 -%}
        {{ exceptions.raise_compiler_error("support_kpis: the raw exports do not follow the contract (../shared/spec/raw-exports.md):\n  - " ~ problems | join("\n  - ")) }}
    {%- endif -%}

    {%- do run_query("create schema if not exists " ~ var('raw_schema')) -%}
    {%- for statement in statements -%}
        {%- do run_query(statement) -%}
    {%- endfor -%}
    {%- do run_query(
        "create or replace table " ~ var('raw_schema') ~ ".export_inventory as select * from (values "
        ~ inventory | join(', ')
        ~ ") as inventory (entity, file_path, file_format, is_present)"
    ) -%}
    {{ return('select 1') }}
{% endmacro %}
