{#- The contract's `survey_responses` entity from Intercom, as text. -#}
{{ contract_entity_projection('survey_responses', ref('intercom__survey_response_rows')) }}
