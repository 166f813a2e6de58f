{#- Status of `value` against one kpi_targets row (columns comparator, target, warning_threshold,
    critical_threshold, severity), as the seed documents: critical when strictly worse than the
    critical threshold; warning when at or worse than the warning threshold; else the row's
    severity when `value <comparator> target` fails; else on_target. `no_data` for a NULL value,
    `no_target` without a row. "Worse" is lower for >= and >, higher for <= and <. -#}
{% macro kpi_status(value, targets) -%}
    case
        when {{ targets }}.target is null then 'no_target'
        when {{ value }} is null then 'no_data'
        when {{ targets }}.critical_threshold is not null and (
            ({{ targets }}.comparator in ('>=', '>') and {{ value }} < {{ targets }}.critical_threshold)
            or ({{ targets }}.comparator in ('<=', '<') and {{ value }} > {{ targets }}.critical_threshold)
        ) then 'critical'
        when {{ targets }}.warning_threshold is not null and (
            ({{ targets }}.comparator in ('>=', '>') and {{ value }} <= {{ targets }}.warning_threshold)
            or ({{ targets }}.comparator in ('<=', '<') and {{ value }} >= {{ targets }}.warning_threshold)
        ) then 'warning'
        when not (
            ({{ targets }}.comparator = '>=' and {{ value }} >= {{ targets }}.target)
            or ({{ targets }}.comparator = '>' and {{ value }} > {{ targets }}.target)
            or ({{ targets }}.comparator = '<=' and {{ value }} <= {{ targets }}.target)
            or ({{ targets }}.comparator = '<' and {{ value }} < {{ targets }}.target)
        ) then {{ targets }}.severity
        else 'on_target'
    end
{%- endmacro %}
