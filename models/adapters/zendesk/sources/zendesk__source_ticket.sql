{#- One row per row of the connector table `ticket`, every connection, as text. -#}
{{ connector_source_rows('zendesk', 'ticket') }}
