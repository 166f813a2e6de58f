{#- One row per row of the connector table `ticket_field_history`, every connection, as text. -#}
{{ connector_source_rows('zendesk', 'ticket_field_history') }}
