{#- A connector adapter's row model, from CTEs `rows` (one name or a list, unioned) that carry
    source_table, source_relation, source_key, drop_reason and the contract columns the connector
    has, under their contract names: every column of the contract entity `entity` in the
    contract's order, NULL (text) for those the connector does not have (`absent`), then
    synced_at. A name in `absent` that is not a contract column is a compile error, so a renamed
    contract column cannot quietly turn into NULL. -#}
{% macro connector_entity_rows(entity, rows, absent=[]) -%}
    {%- set sources = [rows] if rows is string else rows -%}
    {%- if not execute -%}
        {{ return('select * from ' ~ sources[0]) }}
    {%- endif -%}
    {%- set names = raw_contract_entity(entity).columns | map(attribute='name') | list + ['synced_at'] -%}
    {%- for name in absent if name not in names -%}
        {{ exceptions.raise_compiler_error("support_kpis: '" ~ name ~ "' is not a column of the contract entity '" ~ entity ~ "'") }}
    {%- endfor -%}
    {%- for source in sources %}
    select
        source_table,
        '{{ entity }}' as entity,
        source_relation,
        source_key,
        drop_reason,
        {%- for name in names %}
        {{ 'cast(null as ' ~ dbt.type_string() ~ ') as ' ~ name if name in absent else name }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ source }}
    {%- if not loop.last %}

    union all
    {% endif -%}
    {%- endfor %}
{%- endmacro %}

{#- Why a connector row of a child table (an event, a rating) does not become a contract row,
    the rules every adapter shares first: a later version of the same row supersedes it
    (`version_rank` > 1), its ticket is not in the connector's tickets (`known_parent` NULL), or
    that ticket is deleted (`parent_deleted`); `parent` names the ticket as the connector does
    (ticket, conversation). The caller's block adds the table's own reasons (`when ... then ...`);
    NULL when none applies. -#}
{% macro connector_drop_reason(parent, parent_deleted='is_deleted', known_parent=none, version_rank=none) -%}
    case
        {%- if version_rank %}
        when {{ version_rank }} > 1 then 'superseded_history_row'
        {%- endif %}
        {%- if known_parent %}
        when {{ known_parent }} is null then 'unknown_{{ parent }}'
        {%- endif %}
        when {{ parent_deleted }} then 'deleted_{{ parent }}'
        {%- if caller is defined %}
        {{ caller() | trim }}
        {%- endif %}
    end
{%- endmacro %}

{#- Every row of the connector CTE `rows` with its ticket from `parents` (a CTE with
    source_relation, `parent_key` and is_deleted) in the same connection (ids repeat across
    connections): the ticket's key as `known_parent` (NULL when the connector has no such
    ticket), its is_deleted, and any `parent_columns`. `key` is the rows' ticket key expression.
    What connector_drop_reason reads. -#}
{% macro connector_rows_with_parent(rows, parents, key, parent_key, known_parent, parent_columns=[]) -%}
    select
        {{ rows }}.*,
        {{ parents }}.{{ parent_key }} as {{ known_parent }},
        {{ parents }}.is_deleted
        {%- for column in parent_columns %},
        {{ parents }}.{{ column }}
        {%- endfor %}
    from {{ rows }}
    left join {{ parents }}
        on
            {{ rows }}.source_relation = {{ parents }}.source_relation
            and {{ key }} = {{ parents }}.{{ parent_key }}
{%- endmacro %}

{#- Whether the connector marks a row deleted (`_fivetran_deleted`, text): true or false, never
    NULL (no flag, or one that is not a boolean, is not a deletion). -#}
{% macro connector_deleted(column) -%}
    coalesce({{ parse_boolean('trim(' ~ column ~ ')') }}, false)
{%- endmacro %}
