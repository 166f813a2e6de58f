{#- One row per row of the connector table `user`, every connection, as text. -#}
{{ connector_source_rows('zendesk', 'user') }}
