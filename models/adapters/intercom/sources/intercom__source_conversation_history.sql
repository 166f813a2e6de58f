{#- One row per row of the connector table `conversation_history`, every connection, as text. -#}
{{ connector_source_rows('intercom', 'conversation_history') }}
