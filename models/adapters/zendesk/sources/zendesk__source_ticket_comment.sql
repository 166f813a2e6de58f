{#- One row per row of the connector table `ticket_comment`, every connection, as text. -#}
{{ connector_source_rows('zendesk', 'ticket_comment') }}
