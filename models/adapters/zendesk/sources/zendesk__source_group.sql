{#- One row per row of the connector table `group`, every connection, as text. -#}
{{ connector_source_rows('zendesk', 'group') }}
