{#- Called by on-run-start. Makes every contract entity a relation raw.<entity> with every contract
    column as text, and writes raw.export_inventory. A missing required file or column stops the
    build with one message that lists every such problem, naming the file and the column.
    A file that cannot be read at all (empty, not UTF-8, compressed, mis-named, truncated, a folder
    or a broken link, doubled CR line endings) is reported the same way, by name, instead of a
    database error halfway through the build. On DuckDB the raw relations are tables (a snapshot of
    the export: the warehouse opens from any folder and still adds up when the files change); a
    CSV row with too few or too many fields or broken quoting is not read but listed in
    raw.export_malformed_rows with its line, and becomes a `malformed_row` reject. -#}
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
        {{ exceptions.raise_compiler_error("support_kpis: the raw exports do not follow the contract (models/staging/helpdesk/_helpdesk__sources.yml, or the sources in the dbt docs):\n  - " ~ problems | join("\n  - ")) }}
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
    {#- No sniffing (the header is the first line, every field text) and strict quoting: a bad row
        is stored as a reject of the scan, with its line, instead of failing the read. -#}
    {%- set csv_options = "header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', strict_mode = true, store_rejects = true, max_line_size = " ~ max_line_bytes ~ ", buffer_size = " ~ 2 * max_line_bytes -%}
    {%- set problems = [] -%}
    {%- set statements = [] -%}
    {%- set inventory = [] -%}
    {#- with a connector, contract files are read only from a folder that holds its tables: a
        connector in a schema never picks up the default raw_path (the demo) -#}
    {%- set system = var('source_system', 'files') -%}
    {%- set read_files = system == 'files' or connector_tables_in_folder(system, var('raw_path')) -%}
    {#- var raw_export_problems: stop (a build) or record (`support-kpis validate`: every problem
        becomes a row of raw.export_problems, a file with a problem an empty table, and staging
        runs on the rest, so validate's verdict is the build's own) -#}
    {%- set record = var('raw_export_problems', 'stop') == 'record' -%}
    {%- set notes = [] -%}
    {%- for node in raw_contract_entities() -%}
        {%- set entity = raw_contract_entity(node.name) -%}
        {%- set problems_before = problems | length -%}
        {%- set statements_before = statements | length -%}
        {%- set inventory_before = inventory | length -%}
        {%- set found = [] -%}
        {%- for file_format in (['csv', 'parquet'] if read_files else []) -%}
            {%- set path = raw_path ~ '/' ~ entity.name ~ '.' ~ file_format -%}
            {%- set kind = raw_export_file_kind(path) -%}
            {%- if kind != 'missing' -%}
                {%- do found.append({'path': path, 'format': file_format, 'kind': kind}) -%}
            {%- endif -%}
        {%- endfor -%}

        {%- if found | length == 0 -%}
            {#- with a connector (source_system zendesk, intercom) the adapter supplies the required entities -#}
            {%- if entity.meta.get('required_export') and var('source_system', 'files') == 'files' -%}
                {%- do problems.append({'entity': entity.name, 'file': none, 'check': 'missing_required_file', 'column': none, 'message': "required file '" ~ entity.name ~ ".csv' (or .parquet) is missing from raw_path '" ~ raw_path ~ "'"}) -%}
            {%- endif -%}
            {#- An optional export that is absent: an empty relation, and its KPIs become NULL. -#}
            {%- do statements.append(raw_export_empty_table(entity)) -%}
            {%- do inventory.append("('" ~ entity.name ~ "', null, null, false)") -%}
        {%- elif found | length > 1 -%}
            {%- do problems.append({'entity': entity.name, 'file': none, 'check': 'two_files', 'column': none, 'message': "both '" ~ entity.name ~ ".csv' and '" ~ entity.name ~ ".parquet' are in raw_path '" ~ raw_path ~ "': keep one"}) -%}
        {%- else -%}
            {%- set file = found[0] -%}
            {%- set unreadable = none -%}
            {%- set header_names = none -%}
            {%- set skip = 0 -%}
            {%- if file.kind != 'file' -%}
                {%- set unreadable = raw_export_kind_problem(file.path, file.kind) -%}
                {%- set unreadable_check = file.kind -%}
            {%- elif file.format == 'csv' -%}
                {%- set probe = raw_export_csv_probe(file.path, max_line_bytes) -%}
                {%- set unreadable = probe.problem -%}
                {%- set unreadable_check = probe.check -%}
                {%- set header_names = raw_export_csv_header_names(probe.header) -%}
                {%- set skip = probe.skip -%}
            {%- else -%}
                {%- set unreadable = raw_export_parquet_problem(file.path) -%}
                {%- set unreadable_check = 'unreadable_parquet' -%}
            {%- endif -%}
            {%- if unreadable is not none -%}
                {%- do problems.append({'entity': entity.name, 'file': file.path, 'check': unreadable_check, 'column': none, 'message': unreadable}) -%}
            {%- else -%}
            {%- if file.format == 'csv' -%}
                {#- positional names: the header's own names may repeat or be blank -#}
                {%- set file_columns = header_names -%}
                {%- set positional = [] -%}
                {%- for name in header_names -%}
                    {%- do positional.append("'field_" ~ loop.index ~ "': 'VARCHAR'") -%}
                {%- endfor -%}
                {%- set reader = "read_csv('" ~ file.path ~ "', " ~ csv_options ~ ", skip = " ~ skip
                    ~ ", columns = {" ~ positional | join(', ') ~ "}, rejects_table = 'support_kpis_reject_errors_" ~ entity.name
                    ~ "', rejects_scan = 'support_kpis_reject_scans_" ~ entity.name ~ "')" -%}
            {%- else -%}
                {%- set file_columns = run_query("describe select * from read_parquet('" ~ file.path ~ "')").columns[0].values() -%}
                {%- set reader = "read_parquet('" ~ file.path ~ "')" -%}
            {%- endif -%}
            {#- Header names are matched after trimming and lower-casing; extra columns are ignored. -#}
            {%- set by_name = {} -%}
            {%- for file_column in file_columns -%}
                {%- set name = file_column | trim | lower -%}
                {%- set source_name = ('field_' ~ loop.index) if file.format == 'csv' else file_column -%}
                {%- if name in by_name and entity.columns | selectattr('name', 'equalto', name) | list | length > 0 -%}
                    {%- do problems.append({'entity': entity.name, 'file': file.path, 'check': 'duplicate_column', 'column': name, 'message': "file '" ~ file.path ~ "' has two columns that both mean '" ~ name ~ "' ('" ~ by_name[name].header ~ "' and '" ~ file_column ~ "', which differ only in case or spaces): keep one"}) -%}
                {%- elif name not in by_name -%}
                    {%- do by_name.update({name: {'header': file_column, 'source': source_name}}) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- set select_list = [] -%}
            {%- for column in entity.columns -%}
                {%- if column.name in by_name -%}
                    {%- do select_list.append('cast("' ~ by_name[column.name].source | replace('"', '""') ~ '" as varchar) as ' ~ column.name) -%}
                {%- else -%}
                    {%- if column.required -%}
                        {%- do problems.append({'entity': entity.name, 'file': file.path, 'check': 'missing_required_column', 'column': column.name, 'message': "file '" ~ file.path ~ "' is missing required column '" ~ column.name ~ "'"}) -%}
                    {%- endif -%}
                    {%- do select_list.append("cast(null as varchar) as " ~ column.name) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do statements.append("create or replace table " ~ var('raw_schema') ~ "." ~ entity.name ~ " as select " ~ select_list | join(', ') ~ " from " ~ reader) -%}
            {%- if file.format == 'csv' -%}
                {#- one row per bad line (a line can break several rules); the line itself is not
                    kept: it may hold personal data -#}
                {%- do statements.append(raw_export_malformed_insert(entity.name, file.path, "support_kpis_reject_errors_" ~ entity.name)) -%}
                {%- do statements.append("drop table if exists support_kpis_reject_errors_" ~ entity.name) -%}
                {%- do statements.append("drop table if exists support_kpis_reject_scans_" ~ entity.name) -%}
            {%- endif -%}
            {%- do inventory.append("('" ~ entity.name ~ "', '" ~ file.path ~ "', '" ~ file.format ~ "', true)") -%}
            {%- set extra = [] -%}
            {%- for name in by_name if entity.columns | selectattr('name', 'equalto', name) | list | length == 0 -%}
                {%- do extra.append(by_name[name].header) -%}
            {%- endfor -%}
            {%- if extra | length > 0 -%}
                {%- do notes.append({'entity': entity.name, 'file': file.path, 'check': 'extra_columns', 'column': none, 'message': 'ignored: ' ~ extra | join(', ')}) -%}
            {%- endif -%}
            {%- endif -%}
        {%- endif -%}
        {%- if record and problems | length > problems_before -%}
            {#- this file stops a build: its rows are not read, and it counts as absent -#}
            {%- for _ in range(statements | length - statements_before) -%}{%- do statements.pop() -%}{%- endfor -%}
            {%- for _ in range(inventory | length - inventory_before) -%}{%- do inventory.pop() -%}{%- endfor -%}
            {%- do statements.append(raw_export_empty_table(entity)) -%}
            {%- do inventory.append("('" ~ entity.name ~ "', null, null, false)") -%}
        {%- endif -%}
    {%- endfor -%}

    {%- if problems | length > 0 and not record -%}
        {%- set messages = [] -%}
        {%- for problem in problems -%}{%- do messages.append(problem.message) -%}{%- endfor -%}
        {{ exceptions.raise_compiler_error("support_kpis: the raw exports do not follow the contract (models/staging/helpdesk/_helpdesk__sources.yml, or the sources in the dbt docs):\n  - " ~ messages | join("\n  - ")) }}
    {%- endif -%}

    {%- do run_query("create schema if not exists " ~ var('raw_schema')) -%}
    {#- the raw relations were views before: a view of that name would block the table -#}
    {%- set views = run_query("select table_name from information_schema.tables where table_schema = '" ~ var('raw_schema') ~ "' and table_type = 'VIEW'").columns[0].values() -%}
    {%- for view in views -%}
        {%- do run_query('drop view if exists ' ~ var('raw_schema') ~ '."' ~ view ~ '"') -%}
    {%- endfor -%}
    {%- do run_query("create or replace table " ~ var('raw_schema') ~ ".export_malformed_rows (entity varchar, line bigint, problem varchar)") -%}
    {%- for statement in statements -%}
        {%- do run_query(statement) -%}
    {%- endfor -%}
    {%- do run_query(
        "create or replace table " ~ var('raw_schema') ~ ".export_inventory as select * from (values "
        ~ inventory | join(', ')
        ~ ") as inventory (entity, file_path, file_format, is_present)"
    ) -%}
    {%- if record -%}
        {%- do raw_export_record_problems(problems, notes) -%}
    {%- endif -%}
    {{ return('select 1') }}
{% endmacro %}

{#- An empty raw table of an entity (every contract column text): an absent optional export, or a
    file recorded as a problem. -#}
{% macro raw_export_empty_table(entity) %}
    {%- set empty_columns = [] -%}
    {%- for column in entity.columns -%}
        {%- do empty_columns.append("cast(null as varchar) as " ~ column.name) -%}
    {%- endfor -%}
    {{ return("create or replace table " ~ var('raw_schema') ~ "." ~ entity.name ~ " as select " ~ empty_columns | join(', ') ~ " where false") }}
{% endmacro %}

{#- raw.export_problems: one row per problem (level error: it would stop the build) or note (extra
    columns), and raw.export_plausible_range: the plausible timestamp range of this run's vars. -#}
{% macro raw_export_record_problems(problems, notes) %}
    {%- set rows = [] -%}
    {%- for level, items in [('error', problems), ('note', notes)] -%}
        {%- for item in items -%}
            {%- set values = [] -%}
            {%- for value in [item.entity, item.file, level, item.check, item.column, item.message] -%}
                {%- do values.append("null" if value is none else "'" ~ (value | string | replace("'", "''")) ~ "'") -%}
            {%- endfor -%}
            {%- do rows.append("(" ~ values | join(', ') ~ ")") -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- do run_query("create or replace table " ~ var('raw_schema') ~ ".export_problems (entity varchar, file_path varchar, level varchar, check_name varchar, column_name varchar, message varchar)") -%}
    {%- if rows | length > 0 -%}
        {%- do run_query("insert into " ~ var('raw_schema') ~ ".export_problems values " ~ rows | join(', ')) -%}
    {%- endif -%}
    {%- set plausible = plausible_timestamp_bounds() -%}
    {%- do run_query("create or replace table " ~ var('raw_schema') ~ ".export_plausible_range as select " ~ plausible['from'] ~ " as plausible_from, " ~ plausible['until'] ~ " as plausible_until") -%}
{% endmacro %}
