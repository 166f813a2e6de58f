{#- Spark builds views with a comment per column (persist_docs), and a table made from a view keeps
    them. A Hive metastore stores a column comment in 256 characters: a longer one fails the
    Hive-compatible save, which Spark retries for about 20 s before saving the table in its own
    format (that Hive cannot read). So on Spark a comment is cut to 256 characters; dbt docs keep
    the whole description. This replaces dbt-spark's macro of the same name. -#}
{% macro get_column_comment_sql(column_name, column_dict) -%}
    {%- set description = column_dict[column_name]["description"] if column_name in column_dict else "" -%}
    {%- if description | length > 256 -%}
        {%- set description = description[:255] ~ "…" -%}
    {%- endif -%}
    {{ adapter.quote(column_name) }}
    {%- if description %} comment '{{ description | replace("'", "\\'") }}'{% endif -%}
{%- endmacro %}
