{#- Names of the raw contract entities, for models that union all of them. Static, because dbt
    resolves ref() before the graph (and the contract meta) is available. Keep in step with
    _helpdesk__sources.yml: the test assert_raw_rows_reconcile fails on an entity missing here. -#}
{% macro raw_entity_names() %}
    {{ return([
        'tickets', 'ticket_events', 'agents', 'agent_work_sessions', 'agent_shifts',
        'survey_responses', 'escalation_reviews', 'handoff_ratings', 'ai_response_reviews',
        'qa_reviews', 'intent_coverage', 'operating_costs',
    ]) }}
{% endmacro %}
