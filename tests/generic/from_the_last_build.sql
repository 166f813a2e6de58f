{#- Fails when a mart's build id (column build_id) is not that of the last build in raw.build_log,
    or when the last build did not finish (still `running` and not this invocation): marts of two
    builds side by side. One failing row per foreign id, with the problem in words. Other engines
    keep no build log: there the mart must hold one non-null id. -#}
{% test from_the_last_build(model, column_name) %}
    {{ return(adapter.dispatch('test_from_the_last_build', 'support_kpis')(model, column_name)) }}
{% endtest %}
