{#- DuckDB: whether a folder holds a connector's tables (any of its required tables as
    <table>.csv|.parquet). -#}
{% macro connector_tables_in_folder(system, folder) %}
    {%- for table in connector_tables(system) if table.required -%}
        {%- set pattern = (folder | string | replace("'", "''")) ~ '/' ~ table.name ~ '.*' -%}
        {%- if run_query("select count(*) from glob('" ~ pattern ~ "')").columns[0].values()[0] > 0 -%}
            {{ return(true) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(false) }}
{% endmacro %}
