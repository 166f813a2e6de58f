{#- One row per row of the Zendesk `satisfaction_rating` table: the CSAT response it becomes, or
    why it is dropped. Binary CSAT: `good` -> score 5, `bad` -> score 1 (so `csat`, the share of
    4-5 scores, is the share rated good); `offered` / `unoffered` are not responses. Several rows
    of one rating id: the latest (updated_at) is the rating. -#}
with

source_ratings as (

    select * from {{ ref('zendesk__source_satisfaction_rating') }}

),

tickets as (

    select * from {{ ref('zendesk__ticket_keys') }}

),

ratings_with_ticket as (

    {{ connector_rows_with_parent(
        'source_ratings', 'tickets', 'trim(source_ratings.ticket_id)', 'ticket_id', 'known_ticket_id',
    ) }}

),

ratings as (

    select
        ratings_with_ticket.*,
        lower(trim(ratings_with_ticket.score)) as rating,
        {{ latest_first_rank(
            ['ratings_with_ticket.source_relation', 'trim(ratings_with_ticket.id)'],
            [parse_timestamp(connector_timestamp_text('ratings_with_ticket.updated_at'))],
        ) }} as version_rank
    from ratings_with_ticket

),

mapped as (

    select
        'satisfaction_rating' as source_table,
        source_relation,
        id as source_key,
        {% call connector_drop_reason('ticket', known_parent='known_ticket_id', version_rank='version_rank') %}
            when rating in ('offered', 'unoffered') then 'not_a_response'
            when rating not in ('good', 'bad') or rating is null then 'unknown_score'
        {%- endcall %} as drop_reason,
        {{ connector_id('zendesk', dbt.concat(["'rating-'", 'trim(id)'])) }} as response_id,
        'csat' as survey_type,
        case rating when 'good' then '5' when 'bad' then '1' end as score,
        coalesce({{ connector_timestamp_text('updated_at') }}, {{ connector_timestamp_text('created_at') }}) as responded_at,
        {{ connector_id('zendesk', 'trim(ticket_id)') }} as ticket_id,
        {{ connector_id('zendesk', 'trim(requester_id)') }} as customer_id,
        {{ connector_timestamp_text('_fivetran_synced') }} as synced_at
    from ratings

),

final as (

    {{ connector_entity_rows('survey_responses', 'mapped') }}

)

select * from final
