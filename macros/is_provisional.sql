{#- True when a row's pending tickets exceed var('provisional_pending_share') of that metric's
    tickets (denominator + pending): the row is provisional and is not judged against a target.
    False when nothing is pending (or the metric has no pending rule, pending NULL). -#}
{% macro is_provisional(pending, denominator) -%}
    coalesce(
        {{ pending }} > {{ var('provisional_pending_share') }} * (coalesce({{ denominator }}, 0) + {{ pending }}),
        false
    )
{%- endmacro %}
