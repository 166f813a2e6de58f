{#- One row per row of the connector table `satisfaction_rating`, every connection, as text. -#}
{{ connector_source_rows('zendesk', 'satisfaction_rating') }}
