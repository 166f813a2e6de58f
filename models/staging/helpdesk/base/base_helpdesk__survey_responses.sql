{{ stage_raw_export('survey_responses', source('helpdesk', 'survey_responses'), tickets=ref('stg_helpdesk__tickets')) }}
