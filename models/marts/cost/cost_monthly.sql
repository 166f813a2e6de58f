{#- One row per month (reporting_timezone) x channel, plus one row per month with channel `all`:
    reported operating cost per contact (operating_costs, on its own month) and the modeled cost
    of the month's tickets from seed unit_costs (tickets on their creation month). -#}
with

months as (

    select * from {{ ref('util_reporting_months') }}

),

tickets as (

    select * from {{ ref('fct_tickets') }}

),

operating_costs as (

    select * from {{ ref('stg_helpdesk__operating_costs') }}

),

prices as (

    select * from {{ ref('int_unit_costs') }}

),

exports as (

    select * from {{ ref('int_export_presence') }}

),

ticket_months as (

    select
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as month_start,
        channel,
        count(*) as contacts,
        {{ count_where('is_ai_resolved') }} as ai_resolutions,
        -- a human took part: every path but ai_only and unanswered
        {{ count_where("resolution_path in ('escalated', 'assisted', 'human_only')") }} as agent_handled_tickets
    from tickets
    group by cast({{ dbt.date_trunc('month', 'created_date') }} as date), channel

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

cost_parts as (

    -- a channel row is that channel's own cost; `all` is every row of the month, shared costs
    -- (channel NULL) included
    select
        cast({{ dbt.date_trunc('month', 'month') }} as date) as month_start,
        channel,
        sum(total_cost) as operating_cost
    from operating_costs
    where channel is not null
    group by cast({{ dbt.date_trunc('month', 'month') }} as date), channel
    union all
    select
        cast({{ dbt.date_trunc('month', 'month') }} as date) as month_start,
        'all' as channel,
        sum(total_cost) as operating_cost
    from operating_costs
    group by cast({{ dbt.date_trunc('month', 'month') }} as date)

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
