{#- Whether a connector id is in a list var (ai_agent_user_ids, system_user_ids): an entry matches
    the id as the source writes it, or `<source_relation>:<id>` to name one connection's user.
    `source_relation`: the column naming the connection (qualify it in a join). -#}
{% macro connector_id_in_list(expression, values, source_relation='source_relation') -%}
    {%- set texts = [] -%}
    {%- for value in (values or []) -%}
        {%- do texts.append("'" ~ (value | string | trim | replace("'", "''")) ~ "'") -%}
    {%- endfor -%}
    {%- if texts | length == 0 -%}
        false
    {%- else -%}
        coalesce(
            trim({{ expression }}) in ({{ texts | join(', ') }})
            or {{ dbt.concat([source_relation, "':'", 'trim(' ~ expression ~ ')']) }} in ({{ texts | join(', ') }}),
            false
        )
    {%- endif -%}
{%- endmacro %}
