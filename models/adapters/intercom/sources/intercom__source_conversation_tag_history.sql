{#- One row per row of the connector table `conversation_tag_history`, every connection, as text. -#}
{{ connector_source_rows('intercom', 'conversation_tag_history') }}
