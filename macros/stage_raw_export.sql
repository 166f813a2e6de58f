{#- The SQL of a base staging model: every distinct raw row of one contract entity, typed, with
    `reject_reason` / `reject_column` (NULL when the row is accepted) and `row_copies` (how many
    identical raw rows it stands for). Rules come from the contract meta in _helpdesk__sources.yml.

    Order of checks, first failing wins: missing required value, control character, unparseable
    value, implausible timestamp, unknown value, out of range, entity rules, conflicting
    duplicate id, unknown ticket, before ticket created.
    Arguments: entity_name; raw_relation (the source); tickets (the accepted tickets, for entities
    that point at a ticket). -#}
{% macro stage_raw_export(entity_name, raw_relation, tickets=none) %}
    {#- before the parse-time return, so dbt records the dependency -#}
    {%- set malformed_relation = raw_export_malformed_relation() -%}
    {%- if not execute -%}
        {{ return('select 1 as parse_placeholder') }}
    {%- endif -%}
    {%- set entity = raw_contract_entity(entity_name) -%}
    {%- set meta = entity.meta -%}
    {%- set checks = [] -%}
    {#- rows are the same record when their typed key is the same -#}
    {%- set key_values = [] -%}
    {%- for column in entity.columns if column.name in meta.key -%}
        {%- do key_values.append(raw_export_typed_value(column)) -%}
    {%- endfor -%}
    {%- set key_partition = key_values | join(', ') -%}

    {%- for column in entity.columns if column.required -%}
        {%- do checks.append({'when': column.name ~ '__is_missing', 'reason': 'missing_required_value', 'column': column.name}) -%}
    {%- endfor -%}
    {#- a control character (NUL, ESC ...) in an id or a label would make a new key or category -#}
    {%- for column in entity.columns if column.type in ['text', 'label'] and not column.pii -%}
        {%- do checks.append({'when': column.name ~ '__has_control_character', 'reason': 'control_character', 'column': column.name}) -%}
    {%- endfor -%}
    {%- for column in entity.columns if column.type in ['timestamp', 'integer', 'number', 'boolean'] -%}
        {%- do checks.append({'when': column.name ~ '__is_given and ' ~ column.name ~ ' is null', 'reason': 'unparseable_' ~ column.type, 'column': column.name}) -%}
    {%- endfor -%}
    {%- set plausible = plausible_timestamp_bounds() -%}
    {%- for column in entity.columns if column.type == 'timestamp' -%}
        {%- do checks.append({'when': column.name ~ ' < ' ~ plausible['from'] ~ ' or ' ~ column.name ~ ' > ' ~ plausible['until'], 'reason': 'implausible_timestamp', 'column': column.name}) -%}
    {%- endfor -%}
    {%- for column in entity.columns if column.type == 'label' and column.allowed and not column.fallback -%}
        {%- do checks.append({'when': column.name ~ " not in ('" ~ column.allowed | join("', '") ~ "')", 'reason': 'unknown_value', 'column': column.name}) -%}
    {%- endfor -%}
    {%- for column in entity.columns -%}
        {%- if column.min is not none -%}
            {%- do checks.append({'when': column.name ~ ' < ' ~ column.min, 'reason': 'out_of_range', 'column': column.name}) -%}
        {%- endif -%}
        {%- if column.max is not none -%}
            {%- do checks.append({'when': column.name ~ ' > ' ~ column.max, 'reason': 'out_of_range', 'column': column.name}) -%}
        {%- endif -%}
        {%- if column.min_exclusive is not none -%}
            {%- do checks.append({'when': column.name ~ ' <= ' ~ column.min_exclusive, 'reason': 'out_of_range', 'column': column.name}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if meta.get('score_range_by') -%}
        {%- set rule = meta.score_range_by -%}
        {%- for kind, bounds in rule.ranges.items() -%}
            {%- do checks.append({'when': rule.column ~ " = '" ~ kind ~ "' and " ~ rule.score_column ~ ' not between ' ~ bounds[0] ~ ' and ' ~ bounds[1], 'reason': 'out_of_range', 'column': rule.score_column}) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if meta.get('ticket_required_when') -%}
        {%- set rule = meta.ticket_required_when -%}
        {%- do checks.append({'when': rule.column ~ " in ('" ~ rule['values'] | join("', '") ~ "') and " ~ meta.ticket_column ~ ' is null', 'reason': 'missing_required_value', 'column': meta.ticket_column}) -%}
    {%- endif -%}
    {%- if meta.get('ends_not_before_start') -%}
        {%- set pair = meta.ends_not_before_start -%}
        {%- do checks.append({'when': pair[1] ~ ' < ' ~ pair[0], 'reason': 'ends_before_start', 'column': pair[1]}) -%}
    {%- endif -%}
    {%- do checks.append({'when': 'distinct_rows_of_key > 1', 'reason': 'conflicting_duplicate_id', 'column': meta.key | join(', ')}) -%}
    {%- if meta.get('ticket_column') -%}
        {%- do checks.append({'when': meta.ticket_column ~ ' is not null and ticket_created_at is null', 'reason': 'unknown_ticket', 'column': meta.ticket_column}) -%}
    {%- endif -%}
    {%- if meta.get('not_before_ticket_created') -%}
        {%- do checks.append({'when': meta.not_before_ticket_created ~ ' < ticket_created_at', 'reason': 'before_ticket_created', 'column': meta.not_before_ticket_created}) -%}
    {%- endif -%}
    {#- the columns of the base table, as before raw_values moved to the end -#}
    {%- set output_columns = [] -%}
    {%- for column in entity.columns if not column.pii -%}
        {%- do output_columns.append(column.name) -%}
    {%- endfor -%}
    {%- for column in entity.columns if column.fallback -%}
        {%- do output_columns.append(column.name ~ '__raw') -%}
    {%- endfor -%}
    {%- for column in entity.columns if column.required -%}
        {%- do output_columns.append(column.name ~ '__is_missing') -%}
    {%- endfor -%}
    {%- for column in entity.columns if column.type in ['timestamp', 'integer', 'number', 'boolean'] -%}
        {%- do output_columns.append(column.name ~ '__is_given') -%}
    {%- endfor -%}
    {%- for column in entity.columns if column.type in ['text', 'label'] and not column.pii -%}
        {%- do output_columns.append(column.name ~ '__has_control_character') -%}
    {%- endfor -%}
    {%- do output_columns.append('record_key') -%}

with

source as (

    select
        {%- for column in entity.columns %}
        {{ column.name }} as {{ column.name }}__raw{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ raw_relation }}

),

with_key_rows as (

    select
        *,
        count(*) over (
            partition by {{ key_partition }}
        ) as key_rows
    from source

),

distinct_rows as (

    -- a key seen once is one distinct row; only repeated keys need the full-row comparison that
    -- collapses exact duplicates (identical raw text in every column) and finds conflicting ones
    select
        *,
        1 as row_copies,
        1 as distinct_rows_of_key
    from with_key_rows
    where key_rows = 1

    union all

    select
        *,
        count(*) over (
            partition by {{ key_partition }}
        ) as distinct_rows_of_key
    from (
        select
            {%- for column in entity.columns %}
            {{ column.name }}__raw,
            {%- endfor %}
            key_rows,
            count(*) as row_copies
        from with_key_rows
        where key_rows > 1
        group by
            {%- for column in entity.columns %}
            {{ column.name }}__raw,
            {%- endfor %}
            key_rows
    ) as repeated_keys

),

-- typed once: the checks below read the typed columns many times, and a planner that inlines
-- the CTE would parse every value again for each reference
parsed as {{ cte_materialized() }}(

    select
        {%- for column in entity.columns if not column.pii %}
        {{ raw_export_typed_value(column) }} as {{ column.name }},
        {%- endfor %}
        {%- for column in entity.columns if column.fallback %}
        {{ column.name }}__raw,
        {%- endfor %}
        {%- for column in entity.columns if column.required %}
        {{ raw_export_cleaned_text(column) }} is null as {{ column.name }}__is_missing,
        {%- endfor %}
        {%- for column in entity.columns if column.type in ['timestamp', 'integer', 'number', 'boolean'] %}
        {{ raw_export_cleaned_text(column) }} is not null as {{ column.name }}__is_given,
        {%- endfor %}
        {%- for column in entity.columns if column.type in ['text', 'label'] and not column.pii %}
        {{ has_control_character(column.name ~ '__raw') }} as {{ column.name }}__has_control_character,
        {%- endfor %}
        {%- for column in meta.key %}
        coalesce({{ column }}__raw, '') {{ "|| '|' ||" if not loop.last }}
        {%- endfor %} as record_key,
        {#- the raw text stays for raw_values, which only rejected rows get (below) -#}
        {%- for column in entity.columns if not column.pii and not column.fallback %}
        {{ column.name }}__raw,
        {%- endfor %}
        row_copies,
        distinct_rows_of_key
    from distinct_rows

),

with_context as (

    select
        {%- if tickets is not none %}
        tickets.created_at as ticket_created_at,
        {%- endif %}
        parsed.*
    from parsed
    {%- if tickets is not none %}
    left join {{ tickets }} as tickets
        on parsed.{{ meta.ticket_column }} = tickets.ticket_id
    {%- endif %}

),

checked as (

    select
        *,
        case
            {%- for check in checks %}
            when {{ check.when }} then '{{ check.reason }}'
            {%- endfor %}
        end as reject_reason,
        case
            {%- for check in checks %}
            when {{ check.when }} then '{{ check.column }}'
            {%- endfor %}
        end as reject_column
    from with_context

),

final as (

    -- raw_values only where a reject needs it: removing e-mail addresses from every value of
    -- every row was a third of the parse
    select
        {%- if tickets is not none %}
        ticket_created_at,
        {%- endif %}
        {%- for name in output_columns %}
        {{ name }},
        {%- endfor %}
        case
            when reject_reason is not null
                then
                    {%- for column in entity.columns if not column.pii %}
                    '{{ column.name }}=' || coalesce(substr({{ without_emails(column.name ~ '__raw') }}, 1, 200), '') {{ "|| '; ' ||" if not loop.last }}
                    {%- endfor %}
        end as raw_values,
        row_copies,
        distinct_rows_of_key,
        reject_reason,
        reject_column
    from checked

)

select * from final
{{ raw_export_malformed_rows(entity_name, malformed_relation) }}
{% endmacro %}
