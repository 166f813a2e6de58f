{#- The contract's `agents` entity from Intercom (admins that are not bots), as text. -#}
{{ contract_entity_projection('agents', ref('intercom__agent_rows')) }}
