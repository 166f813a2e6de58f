{#- The contract's `agents` entity from Zendesk (agents and admins), as text. -#}
{{ contract_entity_projection('agents', ref('zendesk__agent_rows')) }}
