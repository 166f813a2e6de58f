{#- Helpers of duckdb__register_raw_exports: every check on a raw export file is made with queries
    that cannot fail (read_blob, try(), the plugin's support_kpis_file_kind), so a bad file is a
    message that names it, never a database error (whose text may quote a row, e-mail included). -#}

{#- What sits at a path: file | missing | directory | dangling_symlink | symlink_loop | ... -#}
{% macro raw_export_file_kind(path) %}
    {{ return(run_query("select support_kpis_file_kind('" ~ path ~ "')").columns[0].values()[0]) }}
{% endmacro %}

{#- Why a path that is not a plain file cannot be read, in words (`validate` reports them too,
    under the kind's name). -#}
{% macro raw_export_kind_problem(path, kind) %}
    {%- set reasons = {
        'directory': "is a folder, not a file: put the export itself at this path",
        'dangling_symlink': "is a symbolic link to a file that does not exist: fix or remove the link",
        'symlink_loop': "is a symbolic link that points back at itself (a loop): fix or remove the link",
        'unreadable': "cannot be opened (permissions?): make it readable",
        'not_a_file': "is not a regular file (a pipe or a device?): copy the export here as a file",
    } -%}
    {{ return("file '" ~ path ~ "' " ~ reasons.get(kind, 'cannot be read (' ~ kind ~ ')')) }}
{% endmacro %}

{#- One query over the bytes of a CSV file. Returns a dict: problem (words, or none), check (its
    name, as `support-kpis validate` reports it), header
    (the header line), skip (lines before it: 1 after Excel's `sep=,`). -#}
{% macro raw_export_csv_probe(path, max_line_bytes) %}
    {#- line endings are judged between rows only (`unquoted`: every quoted field emptied), since
        a quoted field may hold any of them -#}
    {%- set row = run_query(
        "select size, "
        ~ "hex(content[1:4]), "
        ~ "try(decode(content)) is null, "
        ~ "coalesce(trim(try(decode(content)), ' ' || chr(9) || chr(10) || chr(13) || chr(65279)) = '', false), "
        ~ "case when size > " ~ max_line_bytes ~ " then list_max(list_transform(string_split(try(decode(content)), chr(10)), line -> strlen(line))) end, "
        ~ "coalesce(strpos(unquoted, chr(13) || chr(13) || chr(10)) > 0, false), "
        ~ "coalesce(regexp_matches(unquoted, '\\r[^\\n]'), false), "
        ~ "coalesce(strpos(unquoted, chr(13) || chr(10)) > 0 and regexp_matches(unquoted, '(^|[^\\r])\\n'), false), "
        ~ "coalesce(string_split(regexp_extract(ltrim(try(decode(content)), chr(65279)), '^[^\\n]*\\n?[^\\n]*'), chr(10))[1], ''), "
        ~ "coalesce(string_split(regexp_extract(ltrim(try(decode(content)), chr(65279)), '^[^\\n]*\\n?[^\\n]*'), chr(10))[2], '') "
        ~ "from (select *, regexp_replace(try(decode(content)), '\"(?:[^\"]|\"\")*\"', '\"\"', 'g') as unquoted from read_blob('" ~ path ~ "'))"
    ).rows[0] -%}
    {%- set size, magic, not_utf8, blank, longest, doubled_cr, lone_cr, mixed_endings, first_line, second_line = row -%}
    {%- set problem = none -%}
    {%- set check = none -%}
    {%- if magic.startswith('1F8B') -%}
        {%- set problem = "file '" ~ path ~ "' is gzip-compressed: unpack it (gunzip) and name it " ~ path.split('/')[-1] -%}
        {%- set check = 'gzip_file' -%}
    {%- elif magic == '504B0304' -%}
        {%- set problem = "file '" ~ path ~ "' is a zip archive: unpack it and put the CSV file itself here" -%}
        {%- set check = 'zip_file' -%}
    {%- elif magic == '50415231' -%}
        {%- set problem = "file '" ~ path ~ "' is a Parquet file named .csv: rename it to .parquet" -%}
        {%- set check = 'parquet_file' -%}
    {%- elif size == 0 or blank -%}
        {%- set problem = "file '" ~ path ~ "' is empty: expected a header row with the contract columns" -%}
        {%- set check = 'empty_file' -%}
    {%- elif not_utf8 -%}
        {%- set problem = "file '" ~ path ~ "' is not UTF-8 (Latin-1 or another encoding?): re-export it as UTF-8, e.g. iconv -f latin1 -t utf-8" -%}
        {%- set check = 'not_utf8' -%}
    {%- elif longest is not none and longest > max_line_bytes -%}
        {%- set problem = "file '" ~ path ~ "' has a line longer than " ~ (max_line_bytes // 1048576) ~ " MB: shorten the free-text column or export it as Parquet" -%}
        {%- set check = 'line_too_long' -%}
    {%- elif doubled_cr -%}
        {%- set problem = "file '" ~ path ~ "' ends its lines with two carriage returns (CR CR LF, a file converted to Windows line endings twice): convert it once back, e.g. sed -i 's/\\r\\r$/\\r/'" -%}
        {%- set check = 'doubled_cr' -%}
    {%- elif mixed_endings -%}
        {%- set problem = "file '" ~ path ~ "' mixes line endings (some rows end in CR LF, others in LF; DuckDB cannot read such a file reliably): convert it to one, e.g. dos2unix" -%}
        {%- set check = 'mixed_line_endings' -%}
    {%- elif lone_cr -%}
        {%- set problem = "file '" ~ path ~ "' has a carriage return (CR) that does not end a line (old Mac line endings or a stray CR): re-export with LF or CR LF line endings" -%}
        {%- set check = 'stray_cr' -%}
    {%- endif -%}
    {%- set header = first_line | replace('\r', '') -%}
    {%- set skip = 0 -%}
    {%- if problem is none and modules.re.fullmatch('\\s*sep=.\\s*', header) -%}
        {%- if header | trim != 'sep=,' -%}
            {%- set problem = "file '" ~ path ~ "' declares the delimiter '" ~ header | trim ~ "': the contract is comma-separated; re-export with commas" -%}
            {%- set check = 'wrong_delimiter' -%}
        {%- endif -%}
        {%- set header = second_line | replace('\r', '') -%}
        {%- set skip = 1 -%}
    {%- endif -%}
    {{ return({'problem': problem, 'check': check, 'header': header, 'skip': skip}) }}
{% endmacro %}

{#- The fields of a CSV header line (quotes removed, "" unescaped). -#}
{% macro raw_export_csv_header_names(header) %}
    {%- set names = [] -%}
    {%- for quoted, plain in modules.re.findall('(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))', header) -%}
        {%- do names.append(quoted | replace('""', '"') if quoted else plain) -%}
    {%- endfor -%}
    {{ return(names) }}
{% endmacro %}

{#- Parquet starts and ends with the bytes PAR1: anything else is another format or a cut-off file. -#}
{% macro raw_export_parquet_problem(path) %}
    {%- set row = run_query("select size, hex(content[1:4]), hex(content[-4:]) from read_blob('" ~ path ~ "')").rows[0] -%}
    {%- set size, head, tail = row -%}
    {%- if size == 0 -%}
        {{ return("file '" ~ path ~ "' is empty: expected a Parquet file") }}
    {%- elif head.startswith('1F8B') -%}
        {{ return("file '" ~ path ~ "' is gzip-compressed: unpack it (gunzip); Parquet compresses itself") }}
    {%- elif head != '50415231' -%}
        {{ return("file '" ~ path ~ "' is not a Parquet file (a CSV named .parquet?): rename it to .csv or re-export as Parquet") }}
    {%- elif tail != '50415231' or size < 12 -%}
        {{ return("file '" ~ path ~ "' is a truncated Parquet file (it does not end as Parquet does): copy or export it again") }}
    {%- elif not run_query("select support_kpis_parquet_footer_readable('" ~ path ~ "')").columns[0].values()[0] -%}
        {{ return("file '" ~ path ~ "' is a corrupt Parquet file (its footer cannot be read): copy or export it again") }}
    {%- endif -%}
    {{ return(none) }}
{% endmacro %}

{#- Copy a CSV scan's rejects into raw.export_malformed_rows, one row per bad line. DuckDB's
    `line` counts rows (a quoted newline does not start a new one); the line an editor shows is
    found from the error's byte position, by an as-of join on where each physical line starts. -#}
{% macro raw_export_malformed_insert(entity_name, path, rejects_table) -%}
    insert into raw.export_malformed_rows
    with errors as (
        select
            line,
            min(byte_position) as byte_position,
            string_agg(distinct lower(error_type), ', ' order by lower(error_type)) as problem
        from {{ rejects_table }}
        group by line
    ),
    parts as (
        select string_split(decode(content), chr(10)) as parts from read_blob('{{ path }}')
    ),
    physical_lines as (
        select
            line_number,
            sum(strlen(part) + 1) over (order by line_number) - strlen(part) - 1 as start_byte
        from (
            select unnest(parts) as part, generate_subscripts(parts, 1) as line_number from parts
        )
    )
    select '{{ entity_name }}', coalesce(physical_lines.line_number, errors.line), errors.problem
    from errors
    asof left join physical_lines
        on errors.byte_position - 1 > physical_lines.start_byte
{%- endmacro %}
