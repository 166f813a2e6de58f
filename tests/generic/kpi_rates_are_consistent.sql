{#- Every rate KPI of the model keeps its identities: 0 <= numerator <= denominator, the ratio is
    numerator / denominator in [0, 1] (NULL exactly when the denominator is 0 or NULL), and
    ci_low <= ratio <= ci_high. One failing row per metric and row that breaks one. -#}
{% test kpi_rates_are_consistent(model, metrics) %}

    {% for metric in metrics %}
    select
        '{{ metric }}' as metric,
        {{ metric }}_numerator as numerator,
        {{ metric }}_denominator as denominator,
        {{ metric }} as ratio
    from {{ model }}
    where
        {{ metric }}_numerator < 0
        or {{ metric }}_numerator > {{ metric }}_denominator
        or {{ metric }} < 0
        or {{ metric }} > 1
        or ({{ metric }} is null) <> (coalesce({{ metric }}_denominator, 0) = 0)
        or abs({{ metric }} - {{ safe_divide(metric ~ "_numerator", metric ~ "_denominator") }}) > 1e-9
        or {{ metric }}_ci_low > {{ metric }} + 1e-9
        or {{ metric }}_ci_high < {{ metric }} - 1e-9
        or ({{ metric }}_ci_low is null) <> ({{ metric }} is null)
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

{% endtest %}
