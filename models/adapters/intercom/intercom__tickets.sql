{#- The contract's `tickets` entity from Intercom, as text (staging parses and checks it). -#}
{{ contract_entity_projection('tickets', ref('intercom__ticket_rows')) }}
