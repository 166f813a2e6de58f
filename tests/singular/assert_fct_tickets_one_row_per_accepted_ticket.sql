-- Every accepted ticket (stg_helpdesk__tickets) has exactly one row in fct_tickets, and fct_tickets has no other row.
with

accepted_tickets as (

    select
        ticket_id,
        count(*) as accepted_row_count
    from {{ ref('stg_helpdesk__tickets') }}
    group by ticket_id

),

fct_tickets as (

    select
        ticket_id,
        count(*) as fct_row_count
    from {{ ref('fct_tickets') }}
    group by ticket_id

),

final as (

    -- a NULL ticket_id never matches, so it shows up as a failure on either side
    select
        coalesce(accepted_tickets.ticket_id, fct_tickets.ticket_id) as ticket_id,
        coalesce(accepted_tickets.accepted_row_count, 0) as accepted_row_count,
        coalesce(fct_tickets.fct_row_count, 0) as fct_row_count
    from accepted_tickets
    full outer join fct_tickets
        on accepted_tickets.ticket_id = fct_tickets.ticket_id

)

select * from final
where accepted_row_count <> 1 or fct_row_count <> 1
