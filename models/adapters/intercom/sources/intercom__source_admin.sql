{#- One row per row of the connector table `admin`, every connection, as text. -#}
{{ connector_source_rows('intercom', 'admin') }}
