{#- The raw contract's entity names, for models that union every entity: dbt resolves their
    ref() calls while parsing, before the sources' meta can be read. This file is
    generated from models/staging/helpdesk/_helpdesk__sources.yml (support-kpis contract-docs). -#}
{% macro raw_entity_names() %}
    {{ return([
        'tickets', 'ticket_events', 'agents', 'agent_work_sessions', 'agent_shifts',
        'survey_responses', 'escalation_reviews', 'handoff_ratings', 'ai_response_reviews',
        'qa_reviews', 'intent_coverage', 'operating_costs',
    ]) }}
{% endmacro %}
