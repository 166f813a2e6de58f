{#- The KPIs of kpi_daily, as the registry (registry/kpis.yml, macro kpi_registry) declares them,
    and the SQL of their columns: the additive parts (kpi_daily_part_columns, over fct_tickets),
    the ratios, means and bounds (kpi_daily_value_columns, over the parts) and the sums that
    re-aggregate the parts (kpi_part_sums, over kpi_daily). Nothing here names a KPI. -#}

{#- The KPIs with columns of their own in kpi_daily; rolling=true: only those in kpi_rolling_28d. -#}
{% macro kpi_daily_kpis(rolling=false) -%}
    {%- set kpis = [] -%}
    {%- for kpi in kpi_registry() -%}
        {%- if kpi.get('mart', 'kpi_daily') == 'kpi_daily' and not kpi.get('same_as') -%}
            {%- if not rolling or kpi.get('rolling', kpi.kind != 'count') -%}
                {%- do kpis.append(kpi) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(kpis) }}
{%- endmacro %}

{#- Names of the rolling rate KPIs (numerator / denominator with Wilson bounds, unweighted). -#}
{% macro kpi_daily_rate_metrics() -%}
    {{ return(kpi_daily_kpis(rolling=true) | selectattr('kind', 'equalto', 'rate') | map(attribute='name') | list) }}
{%- endmacro %}

{#- Names of the rolling mean KPIs (sum / count). -#}
{% macro kpi_daily_mean_metrics() -%}
    {{ return(kpi_daily_kpis(rolling=true) | selectattr('kind', 'equalto', 'mean') | map(attribute='name') | list) }}
{%- endmacro %}

{#- The rate KPIs with a pending rule: {rate: (pending column, pending failures column or none)}. -#}
{% macro kpi_daily_pending_by_rate() -%}
    {%- set by_rate = {} -%}
    {%- for kpi in kpi_daily_kpis() if kpi.get('pending') -%}
        {%- set failures = kpi.pending.column ~ '_failures' if kpi.pending.get('failures_when') else none -%}
        {%- do by_rate.update({kpi.name: (kpi.pending.column, failures)}) -%}
    {%- endfor -%}
    {{ return(by_rate) }}
{%- endmacro %}

{#- The pending and pending-failure columns as one flat list (summed by views, never a rate). -#}
{% macro kpi_daily_pending_columns() -%}
    {%- set columns = [] -%}
    {%- for pending, pending_failures in kpi_daily_pending_by_rate().values() -%}
        {%- do columns.append(pending) -%}
        {%- if pending_failures %}{% do columns.append(pending_failures) %}{% endif -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}

{#- Rows counted where `condition` holds ("true": every row), as a bigint. -#}
{% macro _kpi_count(condition) -%}
    {%- if condition == 'true' -%}count(*){%- else -%}{{ count_where(condition) }}{%- endif -%}
{%- endmacro %}

{#- An aggregate that is NULL when the KPI's optional export is missing. -#}
{% macro _kpi_when_exported(kpi, expression) -%}
    {%- if kpi.get('requires') -%}
        case when {{ dbt.bool_or('has_' ~ kpi.requires) }} then {{ expression }} end
    {%- else -%}
        {{ expression }}
    {%- endif -%}
{%- endmacro %}

{#- The additive parts of every KPI, aggregated from the fact rows of one group (select list). -#}
{% macro kpi_daily_part_columns() -%}
    {%- set columns = [] -%}
    {%- for kpi in kpi_daily_kpis() -%}
        {%- set parts = [] -%}
        {%- if kpi.kind == 'count' -%}
            {%- do parts.append((kpi.name, _kpi_count(kpi.where))) -%}
        {%- elif kpi.kind == 'rate' -%}
            {%- do parts.append((kpi.name ~ '_numerator', _kpi_count(kpi.numerator))) -%}
            {%- do parts.append((kpi.name ~ '_denominator', _kpi_count(kpi.denominator))) -%}
        {%- elif kpi.kind == 'weighted_rate' -%}
            {%- do parts.append((kpi.name ~ '_numerator', weighted_sum_where(kpi.weight, kpi.numerator))) -%}
            {%- do parts.append((kpi.name ~ '_denominator', weighted_sum_where(kpi.weight, kpi.denominator))) -%}
            {%- do parts.append((kpi.name ~ '_weight_sq_sum', weighted_sum_where(kpi.weight ~ ' * ' ~ kpi.weight, kpi.denominator))) -%}
        {%- elif kpi.kind == 'mean' -%}
            {%- set where = kpi.get('where', 'true') -%}
            {%- set value = kpi.value if where == 'true' else 'case when ' ~ where ~ ' then ' ~ kpi.value ~ ' end' -%}
            {%- do parts.append((kpi.name ~ '_sum', 'cast(coalesce(sum(' ~ value ~ '), 0) as ' ~ type_double() ~ ')')) -%}
            {%- if kpi.get('count_column') -%}
                {%- do parts.append((kpi.name ~ '_count', 'cast(coalesce(sum(' ~ kpi.count_column ~ '), 0) as ' ~ dbt.type_bigint() ~ ')')) -%}
            {%- elif where == 'true' -%}
                {%- do parts.append((kpi.name ~ '_count', 'count(' ~ kpi.value ~ ')')) -%}
            {%- else -%}
                {%- do parts.append((kpi.name ~ '_count', count_where(where ~ ' and ' ~ kpi.value ~ ' is not null'))) -%}
            {%- endif -%}
        {%- endif -%}
        {%- for name, expression in parts -%}
            {%- do columns.append(_kpi_when_exported(kpi, expression) ~ ' as ' ~ name) -%}
        {%- endfor -%}
        {#- a pending count needs no optional export: it is counted on every ticket -#}
        {%- if kpi.get('pending') -%}
            {%- do columns.append(count_where(kpi.pending.when) ~ ' as ' ~ kpi.pending.column) -%}
            {%- if kpi.pending.get('failures_when') -%}
                {%- do columns.append(count_where(kpi.pending.failures_when) ~ ' as ' ~ kpi.pending.column ~ '_failures') -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ columns | join(',\n        ') }}
{%- endmacro %}

{#- Every KPI's columns (parts, ratio or mean, bounds, pending counts) from a relation that holds
    the parts under their names (kpi_daily's parts, or their sums over a window). -#}
{% macro kpi_daily_value_columns(rolling=false) -%}
    {%- set columns = [] -%}
    {%- for kpi in kpi_daily_kpis(rolling=rolling) -%}
        {%- if kpi.kind == 'count' -%}
            {%- do columns.append(kpi.name) -%}
        {%- elif kpi.kind == 'rate' -%}
            {%- do columns.append(rate_columns(kpi.name)) -%}
        {%- elif kpi.kind == 'weighted_rate' -%}
            {%- do columns.append(weighted_rate_columns(kpi.name)) -%}
        {%- elif kpi.kind == 'mean' -%}
            {%- do columns.append(mean_columns(kpi.name)) -%}
        {%- elif kpi.kind == 'standardised_rate' -%}
            {%- do columns.append(kpi.name ~ '_numerator,\n        ' ~ kpi.name ~ '_denominator,\n        '
                ~ safe_divide(kpi.name ~ '_numerator', kpi.name ~ '_denominator') ~ ' as ' ~ kpi.name) -%}
        {%- endif -%}
        {%- if kpi.get('pending') -%}
            {%- do columns.append(kpi.pending.column) -%}
            {%- if kpi.pending.get('failures_when') -%}
                {%- do columns.append(kpi.pending.column ~ '_failures') -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ columns | join(',\n        ') }}
{%- endmacro %}

{#- The additive parts of KPIs summed over the rows of `relation` (select list): the rolling
    KPIs, those the registry marks `monthly` (monthly=true), or those named in `names` (in that
    order); columns qualified by `relation` when given.
    Counts stay bigint, sums of doubles double. -#}
{% macro kpi_part_sums(relation=none, rolling=true, names=none, monthly=false) -%}
    {%- set columns = [] -%}
    {%- if monthly -%}
        {%- set kpis = kpi_daily_kpis() | selectattr('monthly') | list -%}
    {%- elif names is none -%}
        {%- set kpis = kpi_daily_kpis(rolling=rolling) -%}
    {%- else -%}
        {%- set by_name = {} -%}
        {%- for kpi in kpi_daily_kpis() %}{% do by_name.update({kpi.name: kpi}) %}{% endfor -%}
        {%- set kpis = [] -%}
        {%- for name in names -%}
            {%- if name not in by_name -%}
                {{ exceptions.raise_compiler_error("kpi_part_sums: " ~ name ~ " is not a KPI of kpi_daily in registry/kpis.yml") }}
            {%- endif -%}
            {%- do kpis.append(by_name[name]) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    {%- for kpi in kpis -%}
        {%- set bigint_parts = [] -%}
        {%- set double_parts = [] -%}
        {%- if kpi.kind == 'count' -%}
            {%- do bigint_parts.append(kpi.name) -%}
        {%- elif kpi.kind == 'rate' -%}
            {%- do bigint_parts.extend([kpi.name ~ '_numerator', kpi.name ~ '_denominator']) -%}
        {%- elif kpi.kind == 'weighted_rate' -%}
            {%- do double_parts.extend([kpi.name ~ '_numerator', kpi.name ~ '_denominator', kpi.name ~ '_weight_sq_sum']) -%}
        {%- elif kpi.kind == 'mean' -%}
            {%- do double_parts.append(kpi.name ~ '_sum') -%}
            {%- do bigint_parts.append(kpi.name ~ '_count') -%}
        {%- elif kpi.kind == 'standardised_rate' -%}
            {%- do double_parts.extend([kpi.name ~ '_numerator', kpi.name ~ '_denominator']) -%}
        {%- endif -%}
        {%- if kpi.get('pending') -%}
            {%- do bigint_parts.append(kpi.pending.column) -%}
            {%- if kpi.pending.get('failures_when') -%}
                {%- do bigint_parts.append(kpi.pending.column ~ '_failures') -%}
            {%- endif -%}
        {%- endif -%}
        {%- for part in bigint_parts -%}
            {%- do columns.append('cast(sum(' ~ prefix ~ part ~ ') as ' ~ dbt.type_bigint() ~ ') as ' ~ part) -%}
        {%- endfor -%}
        {%- for part in double_parts -%}
            {%- do columns.append('cast(sum(' ~ prefix ~ part ~ ') as ' ~ type_double() ~ ') as ' ~ part) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ columns | join(',\n        ') }}
{%- endmacro %}

{#- The pending counts as (pending column, pending failures column or none) pairs. -#}
{% macro kpi_daily_pending_counts() -%}
    {{ return(kpi_daily_pending_by_rate().values() | list) }}
{%- endmacro %}

{#- The rows of weekly_scorecard: (metric, segment, kpi_daily part prefix, unit, rate or mean),
    one per `scorecard` entry of a KPI in the registry. -#}
{% macro kpi_scorecard_rows() -%}
    {%- set rows = [] -%}
    {%- for kpi in kpi_daily_kpis() -%}
        {%- for row in kpi.get('scorecard', []) -%}
            {%- do rows.append((row.get('metric', kpi.name), row.segment, kpi.name, kpi.get('unit', 'fraction'),
                'mean' if kpi.kind == 'mean' else 'rate')) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(rows) }}
{%- endmacro %}
