{#- The contract's `survey_responses` entity from Zendesk (binary CSAT), as text. -#}
{{ contract_entity_projection('survey_responses', ref('zendesk__survey_response_rows')) }}
