{#- One row per month x category with inbound tickets: the monthly escalation review. Escalation
    rates, the weighted false-escalation rate with the top categories of the month flagged as quick
    wins (tighten thresholds), the missed-escalation rate and signal (widen thresholds), the
    escalation quality score, the estimated false-escalation cost, and each against the previous
    calendar month. -#}
{%- set weighted_rate_metrics = ['false_escalation_rate', 'missed_escalation_rate'] -%}
{%- set compared = [
    'escalation_rate', 'ai_escalation_rate', 'false_escalation_rate', 'missed_escalation_rate',
    'escalation_quality_score', 'false_escalation_cost',
] -%}
with

kpi_monthly_parts as (

    select * from {{ ref('kpi_monthly_parts') }}

),

signals as (

    select * from {{ ref('missed_escalation_signal') }}

),

prices as (

    select * from {{ ref('int_unit_costs') }}

),

monthly as (

    -- every channel of the month together
    select
        month_start,
        category,
        {{ kpi_part_sums(names=[
            'inbound_conversations', 'escalation_rate', 'ai_escalation_rate', 'escalation_reviewed_tickets',
        ] + weighted_rate_metrics + ['escalation_quality_score']) }}
    from kpi_monthly_parts
    group by month_start, category

),

rates as (

    select
        monthly.month_start,
        monthly.category,
        monthly.inbound_conversations,
        {{ rate_columns('escalation_rate') }},
        {{ rate_columns('ai_escalation_rate') }},
        monthly.escalation_reviewed_tickets,
        {%- for metric in weighted_rate_metrics %}
        {{ weighted_rate_columns(metric) }},
        {%- endfor %}
        {{ mean_columns('escalation_quality_score') }}
    from monthly

),

costed as (

    select
        rates.*,
        rates.ai_escalation_rate_numerator * rates.false_escalation_rate as estimated_false_escalations,
        {{ round_double('rates.ai_escalation_rate_numerator * rates.false_escalation_rate * prices.agent_interaction_cost', 2) }}
            as false_escalation_cost,
        -- quick wins: the highest weighted false-escalation rates of the month (ties: more
        -- reviewed weight first, then category name); categories without reviews are not ranked
        case
            when rates.false_escalation_rate is not null then
                row_number() over (
                    partition by rates.month_start, rates.false_escalation_rate is null
                    order by
                        rates.false_escalation_rate desc,
                        rates.false_escalation_rate_denominator desc,
                        rates.category asc
                )
        end as false_escalation_rank
    from rates
    cross join prices

),

with_signals as (

    select
        costed.*,
        coalesce(costed.false_escalation_rank <= {{ var("quick_win_categories") }}, false) as is_quick_win,
        signals.has_csat_gap_signal,
        signals.has_ai_followup_signal,
        signals.missed_escalation_signal
    from costed
    left join signals
        on
            costed.month_start = signals.month_start
            and costed.category = signals.category

),

final as (

    select
        current_month.*,
        previous_month.month_start as previous_month_start,
        {%- for metric in compared %}
        previous_month.{{ metric }} as previous_{{ metric }},
        current_month.{{ metric }} - previous_month.{{ metric }} as {{ metric }}_change,
        {%- endfor %}
        previous_month.is_quick_win as was_quick_win,
        previous_month.missed_escalation_signal as had_missed_escalation_signal
    from with_signals as current_month
    left join with_signals as previous_month
        on
            current_month.category = previous_month.category
            and previous_month.month_start = cast({{ dbt.dateadd('month', -1, 'current_month.month_start') }} as date)

)

select *, {{ build_id() }} as build_id from final
