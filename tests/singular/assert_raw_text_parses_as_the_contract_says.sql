-- Raw text parses as the contract says: offsets become UTC (offset-less text is UTC already),
-- booleans accept true/false, t/f, yes/no, y/n, 1/0 in any case, labels are normalised.
-- Returns one row per case whose parsed value differs from the expected one.
with

timestamp_cases as (

    select *
    from (
        values
        ('2026-03-01T23:30:00-02:00', timestamp '2026-03-02 01:30:00'),
        ('2026-03-01T10:00:00+05:30', timestamp '2026-03-01 04:30:00'),
        ('2026-03-01T10:00:00+0530', timestamp '2026-03-01 04:30:00'),
        ('2026-03-01 10:00:00+05', timestamp '2026-03-01 05:00:00'),
        ('2026-03-01T10:00:00Z', timestamp '2026-03-01 10:00:00'),
        ('2026-03-01T10:00:00', timestamp '2026-03-01 10:00:00'),
        ('2026-03-01 10:00:00.250', timestamp '2026-03-01 10:00:00.250'),
        ('2026-03-01', timestamp '2026-03-01 00:00:00'),
        ('2026-03-02T10:00+01:00', timestamp '2026-03-02 09:00:00'),
        ('2026-03-01 10:00:00 +05:30', timestamp '2026-03-01 04:30:00'),
        ('2026-03-01T10:00:00+05:30:00', timestamp '2026-03-01 04:30:00'),
        ('2026-03-01T10:00Z', timestamp '2026-03-01 10:00:00'),
        ('not a date', null)
    ) as cases (raw_text, expected)  -- noqa: AL05

),

boolean_cases as (

    select *
    from (
        values
        ('TRUE', true), ('t', true), ('Yes', true), ('y', true), ('1', true),
        ('false', false), ('F', false), ('no', false), ('N', false), ('0', false),
        ('maybe', null)
    ) as cases (raw_text, expected)  -- noqa: AL05

),

label_cases as (

    select *
    from (
        values
        ('Web - Chat', 'web_chat'),
        ('  WhatsApp ', 'whatsapp'),
        ('Order  Status', 'order_status'),
        ('agent-message', 'agent_message')
    ) as cases (raw_text, expected)  -- noqa: AL05

),

failures as (

    select
        'timestamp' as kind,
        raw_text,
        cast(expected as {{ dbt.type_string() }}) as expected,
        cast({{ parse_timestamp('raw_text') }} as {{ dbt.type_string() }}) as actual
    from timestamp_cases

    union all

    select
        'boolean' as kind,
        raw_text,
        cast(expected as {{ dbt.type_string() }}) as expected,
        cast({{ parse_boolean('raw_text') }} as {{ dbt.type_string() }}) as actual
    from boolean_cases

    union all

    select
        'label' as kind,
        raw_text,
        expected,
        {{ normalise_label('raw_text') }} as actual
    from label_cases

)

select *
from failures
where actual is distinct from expected
