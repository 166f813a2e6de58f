{#- One row per row of the connector table `tag`, every connection, as text. -#}
{{ connector_source_rows('intercom', 'tag') }}
