{#- For each contract entity an adapter produces, the connector table whose presence makes the
    export present (export_inventory.is_present): Zendesk CSAT needs `satisfaction_rating`, so
    without it the CSAT KPIs are NULL, as with a missing survey_responses file. -#}
{% macro adapter_entity_source_tables(system) %}
    {%- if system == 'zendesk' -%}
        {{ return({'tickets': 'ticket', 'ticket_events': 'ticket_comment', 'survey_responses': 'satisfaction_rating', 'agents': 'user'}) }}
    {%- elif system == 'intercom' -%}
        {{ return({'tickets': 'conversation_history', 'ticket_events': 'conversation_part_history', 'survey_responses': 'conversation_history', 'agents': 'admin'}) }}
    {%- endif -%}
    {{ return({}) }}
{% endmacro %}
