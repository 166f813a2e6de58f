-- The Wilson interval macro reproduces published reference values (z = 1.96):
-- 8 of 10 -> [0.4902, 0.9433]; 0 of 10 -> [0, 0.2775]; 10 of 10 -> [0.7225, 1];
-- 1 of 2 -> [0.0945, 0.9055] (e.g. statsmodels proportion_confint(method='wilson')),
-- and 0 trials -> NULL. Returns the cases that differ by more than 1e-4.
with

cases as (

    select *
    from (
        values
        (8, 10, 0.4902, 0.9433),
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (1, 2, 0.0945, 0.9055),
        (0, 0, null, null)
    ) as reference (successes, trials, expected_low, expected_high)  -- noqa: AL05

),

computed as (

    select
        *,
        {{ wilson_bound('successes', 'trials', -1) }} as actual_low,
        {{ wilson_bound('successes', 'trials', 1) }} as actual_high
    from cases

)

select *
from computed
where
    (expected_low is null) <> (actual_low is null)
    or (expected_high is null) <> (actual_high is null)
    or abs(actual_low - expected_low) > 1e-4
    or abs(actual_high - expected_high) > 1e-4
