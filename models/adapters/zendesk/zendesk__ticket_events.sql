{#- The contract's `ticket_events` entity from Zendesk, as text (staging parses and checks it). -#}
{{ contract_entity_projection('ticket_events', ref('zendesk__ticket_event_rows')) }}
