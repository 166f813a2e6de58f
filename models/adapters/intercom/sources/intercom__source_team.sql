{#- One row per row of the connector table `team`, every connection, as text. -#}
{{ connector_source_rows('intercom', 'team') }}
