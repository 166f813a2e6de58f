{#- One bound of the Wilson score interval for successes / trials, with z = var('confidence_z').
    `sign` is -1 for the lower bound, +1 for the upper. NULL when trials is 0 or NULL. Clamped to
    [0, 1]: at p = 0 or 1 the exact bound is 0 or 1, and floating point would miss it by ~1e-9.
    Weighted rates pass the Kish effective sample size as `trials` and p * n_eff as `successes`. -#}
{% macro wilson_bound(successes, trials, sign) -%}
    {%- set z = var('confidence_z') | float -%}
    {%- set p = safe_divide(successes, trials) -%}
    {%- set n = 'nullif(cast(' ~ trials ~ ' as ' ~ type_double() ~ '), 0)' -%}
    -- greatest/least skip NULLs on some warehouses: clamp only when there are trials
    case when {{ n }} is not null then {{ 'greatest(0.0, ' if sign < 0 else 'least(1.0, ' }}(
        ({{ p }}) + {{ z * z }} / (2 * {{ n }})
        {{ '-' if sign < 0 else '+' }} {{ z }} * sqrt(
            ({{ p }}) * (1 - ({{ p }})) / {{ n }} + {{ z * z }} / (4 * {{ n }} * {{ n }})
        )
    ) / (1 + {{ z * z }} / {{ n }})) end
{%- endmacro %}
