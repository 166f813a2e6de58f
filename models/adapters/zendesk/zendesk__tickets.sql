{#- The contract's `tickets` entity from Zendesk, as text (staging parses and checks it). -#}
{{ contract_entity_projection('tickets', ref('zendesk__ticket_rows')) }}
