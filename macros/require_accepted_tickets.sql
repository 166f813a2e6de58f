{#- Stops the build with a message naming the file, the column and the reason when not one ticket
    was accepted: every KPI would be empty and as_of undefined, which used to surface as a failing
    not_null test on int_export_as_of that named neither. Called where as_of is computed, so it
    runs once the tickets are staged. -#}
{% macro require_accepted_tickets(base_tickets) %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set counts = run_query(
        "select count(*), coalesce(" ~ count_where('reject_reason is null') ~ ", 0) from " ~ base_tickets
    ).rows[0] -%}
    {%- if counts[1] == 0 -%}
        {%- set top = run_query(
            "select reject_reason, reject_column, count(*) from " ~ base_tickets
            ~ " group by all order by 3 desc, 1, 2 limit 1"
        ).rows -%}
        {%- set why = (": most often " ~ top[0][0] ~ " in column '" ~ top[0][1] ~ "' (" ~ top[0][2] ~ " rows)") if top | length > 0 else ": the file has no rows" -%}
        {{ exceptions.raise_compiler_error(
            "support_kpis: no row of the tickets export was accepted (" ~ counts[0] ~ " distinct rows, all rejected" ~ why
            ~ "). Fix the export (every reject is listed by support-kpis validate and in staging.stg_helpdesk__rejects)."
        ) }}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}
