{#- The contract entities an adapter produces (models/adapters/<system>/<system>__<entity>.sql);
    the other entities are still read from raw_path as contract files when present. -#}
{% macro adapter_entity_names(system) %}
    {%- if system in ['zendesk', 'intercom'] -%}
        {{ return(['tickets', 'ticket_events', 'survey_responses', 'agents']) }}
    {%- endif -%}
    {{ return([]) }}
{% endmacro %}
