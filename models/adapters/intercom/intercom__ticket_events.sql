{#- The contract's `ticket_events` entity from Intercom, as text (staging parses and checks it). -#}
{{ contract_entity_projection('ticket_events', ref('intercom__ticket_event_rows')) }}
