{#- One row per month (reporting_timezone) x channel, plus one row per month with channel `all`:
    reported operating cost per contact (operating_costs, on its own month) and the modeled cost
    of the month's tickets from seed unit_costs (tickets on their creation month), from the monthly
    parts of kpi_monthly_parts and the monthly costs of int_operating_costs_monthly. -#}
with

months as (

    select * from {{ ref('util_reporting_months') }}

),

kpi_monthly_parts as (

    select * from {{ ref('kpi_monthly_parts') }}

),

cost_parts as (

    select * from {{ ref('int_operating_costs_monthly') }}

),

prices as (

    select * from {{ ref('int_unit_costs') }}

),

exports as (

    select * from {{ ref('int_export_presence') }}

),

ticket_months as (

    -- every category of the channel together; a human took part on every path but ai_only
    -- (ai_handle_rate's numerator) and unanswered (unanswered_rate's)
    select
        month_start,
        channel,
        cast(sum(inbound_conversations) as {{ dbt.type_bigint() }}) as contacts,
        cast(sum(deflection_rate_numerator) as {{ dbt.type_bigint() }}) as ai_resolutions,
        cast(sum(inbound_conversations - ai_handle_rate_numerator - unanswered_rate_numerator) as {{ dbt.type_bigint() }})
            as agent_handled_tickets
    from kpi_monthly_parts
    group by month_start, channel

),

ticket_parts as (

    select
        month_start,
        channel,
        contacts,
        ai_resolutions,
        agent_handled_tickets
    from ticket_months
    union all
    select
        month_start,
        'all' as channel,
        cast(sum(contacts) as {{ dbt.type_bigint() }}) as contacts,
        cast(sum(ai_resolutions) as {{ dbt.type_bigint() }}) as ai_resolutions,
        cast(sum(agent_handled_tickets) as {{ dbt.type_bigint() }}) as agent_handled_tickets
    from ticket_months
    group by month_start

),

final as (

    select
        months.month_start,
        ticket_parts.channel,
        ticket_parts.contacts as cost_per_contact_count,
        case when exports.has_operating_costs then cost_parts.operating_cost end as cost_per_contact_sum,
        {{ safe_divide('case when exports.has_operating_costs then cost_parts.operating_cost end', 'ticket_parts.contacts') }}
            as cost_per_contact,
        ticket_parts.ai_resolutions,
        ticket_parts.agent_handled_tickets,
        ticket_parts.ai_resolutions * prices.ai_resolution_cost
        + ticket_parts.agent_handled_tickets * prices.agent_interaction_cost as modeled_support_cost
    from months
    inner join ticket_parts
        on months.month_start = ticket_parts.month_start
    left join cost_parts
        on
            ticket_parts.month_start = cost_parts.month_start
            and ticket_parts.channel = cost_parts.channel
    cross join exports
    cross join prices

)

select *, {{ build_id() }} as build_id from final
