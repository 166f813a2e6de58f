{#- Pooled two-proportion z statistic for H0: p1 = p2, signed so that it is positive when
    p2 > p1: (p2 - p1) / sqrt(p(1 - p)(1/n1 + 1/n2)) with p = (x1 + x2) / (n1 + n2). NULL when
    either n is 0 or NULL, or the pooled p is 0 or 1 (no variance: nothing to test). -#}
{% macro two_proportion_z(successes_1, trials_1, successes_2, trials_2) -%}
    {%- set pooled = safe_divide('(' ~ successes_1 ~ ') + (' ~ successes_2 ~ ')', '(' ~ trials_1 ~ ') + (' ~ trials_2 ~ ')') -%}
    (
        {{ safe_divide(successes_2, trials_2) }} - {{ safe_divide(successes_1, trials_1) }}
    ) / nullif(sqrt(
        ({{ pooled }}) * (1 - ({{ pooled }}))
        * (1.0 / nullif(cast({{ trials_1 }} as {{ type_double() }}), 0)
            + 1.0 / nullif(cast({{ trials_2 }} as {{ type_double() }}), 0))
    ), 0)
{%- endmacro %}
