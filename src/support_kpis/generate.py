"""Synthetic raw helpdesk exports that follow the input contract (models/docs/contract.md).

Everything is vectorised with numpy and written with pyarrow: the timeline of every ticket is
built slot by slot (first reply, escalation, transfer, resolution, reopen, ...), each slot a
masked operation over all tickets at once, so a million tickets take seconds, not minutes.

Every column is written as text, exactly as a helpdesk export would hold it. Contract-breaking
rows (`bad_row_share`) are *appended* to the clean rows (except the spelling variants, which are
valid after normalisation and rewrite clean rows in place), so the clean rows stay a coherent,
plausible data set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from support_kpis.contract import load_contract

# The contract (models/staging/helpdesk/_helpdesk__sources.yml): entity -> its columns. The
# generator writes every one of them (in its own column order) and no other.
_CONTRACT_ENTITIES = load_contract(file_order=True)
CONTRACT: dict[str, tuple[str, ...]] = {
    name: tuple(column.name for column in entity.columns)
    for name, entity in _CONTRACT_ENTITIES.items()
}
ENTITIES: tuple[str, ...] = tuple(CONTRACT)

CHANNELS = ("web_chat", "whatsapp", "instagram_dm", "messenger", "sms", "email", "voice")
CHANNEL_MIX = np.array([0.28, 0.14, 0.08, 0.09, 0.07, 0.24, 0.10])
# Target AI-only resolution (strict deflection) per channel after launch: the middle of the
# catalogue's benchmark band. The AI first-reply share is derived from it (see _ai_first_share).
DEFLECTION_TARGET = np.array([0.575, 0.575, 0.525, 0.525, 0.475, 0.475, 0.275])
DEFLECTION_BANDS: dict[str, tuple[float, float]] = {
    "web_chat": (0.50, 0.65),
    "whatsapp": (0.50, 0.65),
    "instagram_dm": (0.45, 0.60),
    "messenger": (0.45, 0.60),
    "sms": (0.40, 0.55),
    "email": (0.40, 0.55),
    "voice": (0.20, 0.35),
}

CATEGORIES = (
    "order_status",
    "returns",
    "product_question",
    "shipping",
    "billing",
    "complaint",
    "technical",
    "warranty",
)
CATEGORY_MIX = np.array([0.24, 0.14, 0.14, 0.13, 0.10, 0.08, 0.10, 0.07])
# Latent "truly needs a human" share of AI-handled tickets, AI recall and false-escalation rate.
NEEDS_HUMAN = np.array([0.10, 0.18, 0.15, 0.15, 0.20, 0.45, 0.30, 0.25])
ESC_RECALL = np.array([0.85, 0.80, 0.80, 0.80, 0.85, 0.50, 0.80, 0.80])
ESC_FALSE = np.array([0.25, 0.08, 0.08, 0.08, 0.25, 0.08, 0.08, 0.08])
TUESDAY_ESCALATION_LIFT = 1.5

INTENTS: dict[str, tuple[str, ...]] = {
    "order_status": (
        "where_is_my_order",
        "order_delayed",
        "order_not_received",
        "change_order",
        "cancel_order",
        "order_confirmation",
        "partial_delivery",
        "tracking_link",
        "preorder_date",
    ),
    "returns": (
        "start_return",
        "return_status",
        "return_label",
        "refund_status",
        "exchange_item",
        "return_policy",
        "return_window",
        "wrong_item_received",
        "damaged_item",
    ),
    "product_question": (
        "sizing",
        "availability",
        "materials",
        "compatibility",
        "care_instructions",
        "product_specs",
        "restock_date",
        "price_match",
        "gift_options",
    ),
    "shipping": (
        "shipping_cost",
        "delivery_options",
        "international_shipping",
        "address_change",
        "express_delivery",
        "pickup_point",
        "delivery_failed",
        "customs_fees",
    ),
    "billing": (
        "payment_failed",
        "double_charge",
        "invoice_request",
        "promo_code",
        "refund_not_received",
        "payment_methods",
        "installments",
        "vat_question",
        "gift_card_balance",
    ),
    "complaint": (
        "late_delivery",
        "poor_quality",
        "rude_staff",
        "missing_refund",
        "repeated_issue",
        "data_privacy",
        "legal_threat",
        "service_failure",
    ),
    "technical": (
        "login_problem",
        "password_reset",
        "app_crash",
        "checkout_error",
        "account_locked",
        "notification_settings",
        "website_bug",
        "two_factor_auth",
        "delete_account",
    ),
    "warranty": (
        "warranty_claim",
        "warranty_status",
        "repair_request",
        "replacement_request",
        "warranty_coverage",
        "proof_of_purchase",
        "extended_warranty",
        "defect_report",
    ),
}
PRIORITIES = ("low", "normal", "high", "urgent")
PRIORITY_MIX = np.array([0.15, 0.65, 0.15, 0.05])

# The contract's event types, which it lists in the timeline order of the catalogue's "Precise
# definitions" (ties at one second sort by it), less system_message: the generator writes none.
EVENT_TYPES = tuple(
    kind
    for kind in _CONTRACT_ENTITIES["ticket_events"].column("event_type").allowed or ()
    if kind != "system_message"
)
CUST, AI, AGENT, ESC, TRANSFER, RESOLVED, REOPENED, CLOSED = range(len(EVENT_TYPES))

# Channel timing (seconds): AI first reply, human first reply, human reply after an escalation,
# human resolution after the last human reply. Lognormal medians; sigma alongside.
AI_REPLY_MEDIAN = np.array([6, 8, 8, 8, 10, 90, 3], dtype=float)
HUMAN_REPLY_MEDIAN = np.array([120, 600, 900, 900, 900, 4 * 3600, 60], dtype=float)
HUMAN_REPLY_SIGMA = np.array([0.8, 1.0, 1.0, 1.0, 1.0, 0.9, 0.7])
AFTER_ESC_MEDIAN = np.array([240, 900, 900, 900, 900, 3 * 3600, 90], dtype=float)
HUMAN_RESOLVE_MEDIAN = np.array([1200, 2700, 2700, 2700, 2700, 8 * 3600, 480], dtype=float)

TIMESTAMP_OFFSETS_MIN = np.array([120, -300, 0, 60, 330, -240])  # 0 is written as "Z"
TIMESTAMP_OFFSET_SHARE = 0.05

HOUR = 3600
DAY = 86400
REOPEN_WINDOW = 72 * HOUR
REPEAT_WINDOW = 7 * DAY


@dataclass(frozen=True)
class GenerateConfig:
    """Arguments of one generation run (the CLI's `generate` options)."""

    tickets: int = 20000
    days: int = 120
    seed: int = 42
    start_date: dt.date = dt.date(2026, 1, 1)
    ai_launch_date: dt.date = dt.date(2026, 2, 1)
    bad_row_share: float = 0.005
    file_format: str = "parquet"
    only: tuple[str, ...] = field(default_factory=lambda: ENTITIES)


@dataclass
class GenerateResult:
    """What was written: path and row count per entity, and the injected bad rows."""

    files: dict[str, Path]
    rows: dict[str, int]
    bad_rows: dict[str, dict[str, int]]


# --------------------------------------------------------------------------------------------
# Small vectorised helpers
# --------------------------------------------------------------------------------------------
def _epoch(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def _ids(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    digits = pc.utf8_lpad(
        pc.cast(pa.array(numbers, type=pa.int64()), pa.string()), width=width, padding="0"
    )
    return pc.binary_join_element_wise(prefix, digits, "")


def _text(values: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    """Numbers (or bools) as text; `null` marks the rows left empty."""
    if values.dtype == bool:
        arr = pa.array(np.where(values, "true", "false"))
    else:
        arr = pc.cast(pa.array(values), pa.string())
    if null is not None and null.any():
        arr = pc.if_else(pa.array(null), pa.nulls(len(arr), pa.string()), arr)
    return arr


def _choice_text(
    options: Sequence[str], codes: np.ndarray, null: np.ndarray | None = None
) -> pa.Array:
    idx = pa.array(codes.astype(np.int32), mask=null)
    return pc.take(pa.array(list(options), pa.string()), idx)


def _lognormal(
    rng: np.random.Generator, median: np.ndarray | float, sigma: np.ndarray | float, size: int
) -> np.ndarray:
    return np.maximum(1, np.rint(np.exp(np.log(median) + sigma * rng.standard_normal(size))))


_CLOCK_TEXT: np.ndarray | None = None


def _clock_text() -> np.ndarray:
    """`HH:MM:SS` as bytes for every second of a day (86400 x 8), built once."""
    global _CLOCK_TEXT
    if _CLOCK_TEXT is None:
        sod = np.arange(DAY)
        digits = np.array(
            [
                sod // 36000,
                sod // 3600 % 10,
                sod // 600 % 6,
                sod // 60 % 10,
                sod % 60 // 10,
                sod % 10,
            ]
        ).T
        text = np.empty((DAY, 8), dtype=np.uint8)
        text[:, [0, 1, 3, 4, 6, 7]] = digits + ord("0")
        text[:, [2, 5]] = ord(":")
        _CLOCK_TEXT = text
    return _CLOCK_TEXT


def _iso_seconds(secs: np.ndarray) -> pa.Array:
    """Epoch seconds -> `YYYY-MM-DDTHH:MM:SS` text, gathered from per-day and per-second byte
    tables (Arrow's strftime is an order of magnitude slower)."""
    secs = np.asarray(secs, dtype=np.int64)
    n = len(secs)
    if n == 0:
        return pa.array([], pa.string())
    days, sod = np.divmod(secs, DAY)
    first = int(days.min())
    span = np.arange(first, int(days.max()) + 1).astype("datetime64[D]")
    dates = np.frombuffer(
        np.datetime_as_string(span).astype("S10").tobytes(), dtype=np.uint8
    ).reshape(-1, 10)
    out = np.empty((n, 19), dtype=np.uint8)
    out[:, :10] = dates[days - first]
    out[:, 10] = ord("T")
    out[:, 11:] = _clock_text()[sod]
    offsets = pa.py_buffer((np.arange(n + 1, dtype=np.int32) * 19).tobytes())
    return pa.Array.from_buffers(pa.string(), n, [None, offsets, pa.py_buffer(out)])


class _Timestamps:
    """Formats epoch seconds as ISO-8601 text; a small share carries an explicit UTC offset."""

    def __init__(self, rng: np.random.Generator, offset_share: float):
        self.rng = rng
        self.offset_share = offset_share

    def __call__(self, secs: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
        secs = np.asarray(secs, dtype=np.int64)
        base = _iso_seconds(secs)
        n = len(secs)
        with_offset = self.rng.random(n) < self.offset_share
        if with_offset.any():
            sel = np.flatnonzero(with_offset)
            off = TIMESTAMP_OFFSETS_MIN[self.rng.integers(0, len(TIMESTAMP_OFFSETS_MIN), len(sel))]
            local = _iso_seconds(secs[sel] + off * 60)
            suffix = np.where(
                off == 0,
                "Z",
                np.char.add(
                    np.char.add(
                        np.where(off > 0, "+", "-"),
                        np.char.zfill((np.abs(off) // 60).astype(str), 2),
                    ),
                    np.char.add(":", np.char.zfill((np.abs(off) % 60).astype(str), 2)),
                ),
            )
            shifted = pc.binary_join_element_wise(local, pa.array(suffix), "")
            base = pc.replace_with_mask(base, pa.array(with_offset), shifted)
        if null is not None and null.any():
            base = pc.if_else(pa.array(null), pa.nulls(n, pa.string()), base)
        return base


class _Events:
    """Accumulates timeline slots (masked, vectorised) and assembles them at the end."""

    def __init__(self) -> None:
        self.parts: list[tuple[np.ndarray, ...]] = []

    def add(
        self,
        mask: np.ndarray,
        at: np.ndarray,
        etype: int,
        actor: np.ndarray | None = None,
        to_tier: np.ndarray | int | None = None,
        ai_assisted: np.ndarray | bool | None = None,
    ) -> None:
        idx = np.flatnonzero(mask)
        k = len(idx)

        def pick(values, default, dtype):
            if values is None:
                return np.full(k, default, dtype=dtype)
            if np.isscalar(values):
                return np.full(k, values, dtype=dtype)
            return np.asarray(values)[idx].astype(dtype)

        self.parts.append(
            (
                idx.astype(np.int64),
                at[idx].astype(np.int64),
                np.full(k, etype, dtype=np.int8),
                pick(actor, -1, np.int32),
                pick(to_tier, 0, np.int8),
                pick(ai_assisted, -1, np.int8),
            )
        )

    def assemble(self) -> tuple[np.ndarray, ...]:
        cols = [np.concatenate([p[i] for p in self.parts]) for i in range(6)]
        order = np.lexsort((cols[2], cols[1], cols[0]))
        return tuple(c[order] for c in cols)


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------
def _ai_first_share(eligible: np.ndarray, channel: np.ndarray, tuesday_share: float) -> np.ndarray:
    """Per-ticket probability that the AI replies first, calibrated to the deflection target."""
    p_esc = NEEDS_HUMAN * ESC_RECALL + (1 - NEEDS_HUMAN) * ESC_FALSE
    p_esc = (1 - tuesday_share) * p_esc + tuesday_share * np.minimum(
        0.95, p_esc * TUESDAY_ESCALATION_LIFT
    )
    keep = float((CATEGORY_MIX * (1 - p_esc)).sum())
    # resolved eventually (~97%), not reopened within the window (~94%), not cut by the export
    per_channel = DEFLECTION_TARGET / (keep * 0.97 * 0.944 * 0.99)
    base = per_channel[channel]
    # AI-ineligible tickets are handed to the AI less often (the weights average to 1)
    return np.clip(base * np.where(eligible, 1.053, 0.70), 0, 0.97)


# The steps share one state `w`: a value a step hands on to later steps is written and read as
# `w.<name>` (so a reader sees where it comes from), a step's own working values are plain locals,
# and the run's settings (cfg, rng, ts, n, start, end, launch) are unpacked with `_take`. The
# random draws happen in one fixed order (the order of build_tables), so a seed always gives the
# same files.
def _take(w: SimpleNamespace, names: str) -> tuple:
    return tuple(getattr(w, name) for name in names.split())


def _draw_tickets(w: SimpleNamespace) -> None:
    """Latent ticket attributes: arrival, channel, category, customer (with repeat-contact
    pairs), intent, priority, AI eligibility."""
    cfg, rng, n, start, end, launch = _take(w, "cfg rng n start end launch")
    w.day_idx = np.arange(cfg.days)
    w.weekday = (
        (np.datetime64(cfg.start_date, "D") + w.day_idx).astype("datetime64[D]").view("int64")
    )
    w.weekday = (w.weekday + 3) % 7  # 0 = Monday
    day_w = np.where(w.weekday >= 5, 0.75, 1.0) * (1 + 0.15 * w.day_idx / max(1, cfg.days))
    hour_w = np.array(
        [2, 1, 1, 1, 1, 2, 3, 5, 7, 9, 10, 10, 10, 10, 9, 9, 8, 8, 7, 7, 6, 5, 4, 3], dtype=float
    )
    w.created = (
        start
        + rng.choice(cfg.days, n, p=day_w / day_w.sum()) * DAY
        + rng.choice(24, n, p=hour_w / hour_w.sum()) * HOUR
        + rng.integers(0, HOUR, n)
    )
    w.channel = rng.choice(len(CHANNELS), n, p=CHANNEL_MIX)
    w.category = rng.choice(len(CATEGORIES), n, p=CATEGORY_MIX)
    w.n_customers = max(1, int(n / 0.6))
    w.customer = rng.integers(0, w.n_customers, n)

    # Repeat contacts: pairs (first, follow-up) with the same customer and category, the
    # follow-up some hours to two weeks later, some at exactly 7 days and 7 days + 1 s.
    n_pairs = int(round(n * 0.03))
    if n_pairs and n >= 2 * n_pairs:
        pair = rng.permutation(n)[: 2 * n_pairs]
        first, follow = pair[:n_pairs], pair[n_pairs:]
        kind = rng.choice(4, n_pairs, p=[0.7, 0.1, 0.1, 0.1])
        delay = np.select(
            [kind == 0, kind == 1, kind == 2],
            [
                rng.integers(HOUR, 6 * DAY, n_pairs),
                np.full(n_pairs, REPEAT_WINDOW),
                np.full(n_pairs, REPEAT_WINDOW + 1),
            ],
            rng.integers(8 * DAY, 14 * DAY, n_pairs),
        )
        delay = np.minimum(delay, max(1, cfg.days * DAY - 2 * HOUR))
        too_late = w.created[first] + delay >= end
        w.created[first] = np.where(
            too_late,
            np.maximum(start, end - 1 - delay - rng.integers(0, DAY, n_pairs)),
            w.created[first],
        )
        w.created[follow] = w.created[first] + delay
        w.customer[follow] = w.customer[first]
        w.category[follow] = w.category[first]

    order = np.argsort(w.created, kind="stable")
    w.created, w.channel, w.category, w.customer = (
        a[order] for a in (w.created, w.channel, w.category, w.customer)
    )

    w.intent_names = [f"{c}.{i}" for c in CATEGORIES for i in INTENTS[c]]
    intent_offset = np.cumsum([0] + [len(INTENTS[c]) for c in CATEGORIES])
    intent_count = np.array([len(INTENTS[c]) for c in CATEGORIES])
    # Zipf-like intent popularity inside each category
    u = rng.random(n) ** 1.8
    w.intent = intent_offset[w.category] + np.floor(u * intent_count[w.category]).astype(int)
    w.intent_null = rng.random(n) < 0.08
    w.priority = rng.choice(len(PRIORITIES), n, p=PRIORITY_MIX)
    w.eligible = rng.random(n) < 0.85
    w.post = w.created >= launch
    w.tuesday = ((w.created // DAY + 3) % 7) == 1
    w.ticket_ids = _ids("T", np.arange(1, n + 1), 7)


def _draw_resolution_paths(w: SimpleNamespace) -> None:
    """Who answers each ticket first (AI or human), AI escalations, tier-2 work and transfers."""
    rng, n, launch = _take(w, "rng n launch")
    w.answered = rng.random(n) < 0.99
    tuesday_share = 1 / 7
    w.ai_first = (
        w.post
        & w.answered
        & (rng.random(n) < _ai_first_share(w.eligible, w.channel, tuesday_share))
    )
    w.needs_human = rng.random(n) < NEEDS_HUMAN[w.category]
    p_esc = np.where(w.needs_human, ESC_RECALL[w.category], ESC_FALSE[w.category])
    p_esc = np.where(w.tuesday, np.minimum(0.95, p_esc * TUESDAY_ESCALATION_LIFT), p_esc)
    w.ai_escalated = w.ai_first & (rng.random(n) < p_esc)
    w.ai_only = w.ai_first & ~w.ai_escalated
    w.human_first = w.answered & ~w.ai_first
    w.assisted = w.human_first & w.post & (rng.random(n) < 0.5)
    w.human_involved = w.ai_escalated | w.human_first
    w.confidence = np.where(w.needs_human, rng.normal(0.5, 0.16, n), rng.normal(0.8, 0.12, n))
    w.confidence = np.round(np.clip(w.confidence, 0, 1), 2)
    w.confidence_null = ~w.ai_first | (rng.random(n) < 0.1)

    # Tier-2 escalations: 12% of inbound in the pre-AI baseline, shrinking after launch.
    months_since = np.maximum(0, (w.created - launch) / (30 * DAY))
    t2_share = np.where(w.post, 0.12 * np.maximum(0.32, 0.68 - 0.09 * months_since), 0.12)
    human_share_post = 0.42
    p_t2 = np.where(w.post, np.minimum(1, t2_share / human_share_post), t2_share)
    w.tier2 = w.human_involved & (rng.random(n) < p_t2)
    w.transfer = w.human_involved & (rng.random(n) < 0.09)


def _draw_agents(w: SimpleNamespace) -> None:
    """The agent roster (tiers, hire and leave dates) and the agents each ticket meets."""
    cfg, rng, n, start, end = _take(w, "cfg rng n start end")
    w.n_agents = int(np.clip(round(60 * (n / cfg.days) / (20000 / 120)), 12, 400))
    w.agent_tier = np.where(rng.random(w.n_agents) < 0.15, 2, 1)
    w.agent_tier[:4] = 1
    w.agent_tier[4:6] = 2
    w.hired = start - rng.integers(30, 1500, w.n_agents) * DAY + 9 * HOUR
    new_hire = rng.random(w.n_agents) < 0.1
    new_hire[:6] = False
    w.hired = np.where(
        new_hire,
        start + rng.integers(0, max(1, int(cfg.days * 0.6)), w.n_agents) * DAY + 9 * HOUR,
        w.hired,
    )
    w.leaves = rng.random(w.n_agents) < 0.08
    w.leaves[:6] = False
    w.left = np.where(
        w.leaves,
        np.maximum(w.hired, start) + rng.integers(30 * DAY, 120 * DAY, w.n_agents) + 17 * HOUR,
        np.iinfo(np.int64).max,
    )
    w.leaves &= w.left < end
    w.left = np.where(w.leaves, w.left, np.iinfo(np.int64).max)
    teams_t1 = np.array(["chat", "email", "voice", "social"])
    w.team = np.where(
        w.agent_tier == 2, "tier2_specialists", teams_t1[rng.integers(0, len(teams_t1), w.n_agents)]
    )
    pool1 = np.flatnonzero(w.agent_tier == 1)
    pool2 = np.flatnonzero(w.agent_tier == 2)

    def pick_agents(pool: np.ndarray, at: np.ndarray) -> np.ndarray:
        core = pool[(w.hired[pool] <= start) & (w.left[pool] == np.iinfo(np.int64).max)]
        chosen = pool[rng.integers(0, len(pool), len(at))]
        for _ in range(6):
            bad = (w.hired[chosen] > at) | (w.left[chosen] < at)
            if not bad.any():
                break
            chosen[bad] = pool[rng.integers(0, len(pool), int(bad.sum()))]
        bad = (w.hired[chosen] > at) | (w.left[chosen] < at)
        chosen[bad] = core[rng.integers(0, len(core), int(bad.sum()))]
        return chosen

    w.main_agent = pick_agents(pool1, w.created)
    w.t2_agent = pick_agents(pool2, w.created)
    w.transfer_tier = np.where(rng.random(n) < 0.8, 1, 2)
    w.transfer_agent = np.where(
        w.transfer_tier == 2, pick_agents(pool2, w.created), pick_agents(pool1, w.created)
    )
    w.agent_ids = _ids("A", np.arange(1, w.n_agents + 1), 4)


def _draw_timelines(w: SimpleNamespace) -> None:
    """Every ticket's timeline, slot by slot, cut at the export time."""
    rng, n, end = _take(w, "rng n end")
    ev = _Events()
    always = np.ones(n, dtype=bool)
    cur = w.created + np.where(rng.random(n) < 0.7, 0, rng.integers(1, 6, n))
    ev.add(always, cur, CUST)

    ai_delay = _lognormal(rng, AI_REPLY_MEDIAN[w.channel], 0.5, n)
    human_delay = _lognormal(rng, HUMAN_REPLY_MEDIAN[w.channel], HUMAN_REPLY_SIGMA[w.channel], n)
    cur = cur + np.where(w.ai_first, ai_delay, human_delay).astype(np.int64)
    w.first_reply_at = np.where(w.answered, cur, -1)
    ev.add(w.ai_first, cur, AI)
    ev.add(w.human_first, cur, AGENT, actor=w.main_agent, ai_assisted=w.assisted.astype(np.int8))

    # a short back-and-forth with the AI
    chat_more = w.ai_first & (rng.random(n) < 0.5)
    cur = np.where(chat_more, cur + rng.integers(20, 300, n), cur)
    ev.add(chat_more, cur, CUST)
    cur = np.where(chat_more, cur + _lognormal(rng, AI_REPLY_MEDIAN[w.channel], 0.5, n), cur)
    ev.add(chat_more & w.ai_only, cur, AI)

    # AI -> human hand-off
    cur = np.where(w.ai_escalated, cur + rng.integers(10, 180, n), cur)
    w.esc_at = np.where(w.ai_escalated, cur, -1)
    esc_actor = np.where(w.tier2, w.t2_agent, w.main_agent)
    ev.add(w.ai_escalated, cur, ESC, actor=esc_actor, to_tier=np.where(w.tier2, 2, 1))
    cur = np.where(w.ai_escalated, cur + _lognormal(rng, AFTER_ESC_MEDIAN[w.channel], 0.8, n), cur)
    ev.add(w.ai_escalated, cur, AGENT, actor=esc_actor, ai_assisted=np.zeros(n, np.int8))
    w.first_human_at = np.where(w.ai_escalated, cur, np.where(w.human_first, w.first_reply_at, -1))

    # tier-1 -> tier-2 escalation on human-first tickets
    t2_human = w.tier2 & w.human_first
    cur = np.where(t2_human, cur + rng.integers(600, 2 * HOUR, n), cur)
    ev.add(t2_human, cur, ESC, actor=w.t2_agent, to_tier=2)
    w.esc_at = np.where(t2_human & (w.esc_at < 0), cur, w.esc_at)
    cur = np.where(t2_human, cur + rng.integers(300, 3 * HOUR, n), cur)
    ev.add(
        t2_human, cur, AGENT, actor=w.t2_agent, ai_assisted=(w.assisted & t2_human).astype(np.int8)
    )

    # transfers between agents / teams
    cur = np.where(w.transfer, cur + rng.integers(300, HOUR, n), cur)
    ev.add(w.transfer, cur, TRANSFER, actor=w.transfer_agent, to_tier=w.transfer_tier)
    cur = np.where(w.transfer, cur + rng.integers(60, 1800, n), cur)
    ev.add(w.transfer, cur, AGENT, actor=w.transfer_agent, ai_assisted=w.assisted.astype(np.int8))

    # hand-off quality (1-5, latent for every AI escalation; rated for a sample)
    w.handoff = rng.choice(np.arange(1, 6), n, p=[0.03, 0.04, 0.13, 0.35, 0.45])
    # resolution
    resolves = w.answered & (rng.random(n) < 0.97)
    abandoned_closed = ~w.answered & (rng.random(n) < 0.3)
    resolve_delay = np.select(
        [
            w.ai_only,
            w.ai_escalated & (w.handoff >= 4),
            w.ai_escalated & (w.handoff == 3),
            w.ai_escalated,
        ],
        [
            _lognormal(rng, 240, 0.5, n),
            _lognormal(rng, 3.5 * HOUR, 0.35, n),
            _lognormal(rng, 8 * HOUR, 0.4, n),
            _lognormal(rng, 24 * HOUR, 0.45, n),
        ],
        _lognormal(rng, HUMAN_RESOLVE_MEDIAN[w.channel], 0.8, n),
    ).astype(np.int64)
    cur = np.where(resolves, cur + resolve_delay, cur)
    closes_instead = resolves & (rng.random(n) < 0.015)
    w.first_resolved_at = np.where(resolves, cur, -1)
    ev.add(resolves & ~closes_instead, cur, RESOLVED)
    ev.add(closes_instead, cur, CLOSED)
    cur = np.where(abandoned_closed, cur + rng.integers(3 * DAY, 7 * DAY, n), cur)
    ev.add(abandoned_closed, cur, CLOSED)

    # reopens: inside 72 h, at exactly 72:00:00 and 72:00:01, in the same second, or later
    w.reopens = resolves & ~closes_instead & (rng.random(n) < 0.08)
    kind = rng.choice(5, n, p=[0.55, 0.12, 0.08, 0.03, 0.22])
    reopen_delay = np.select(
        [kind == 0, kind == 1, kind == 2, kind == 3],
        [
            rng.integers(300, REOPEN_WINDOW, n),
            np.full(n, REOPEN_WINDOW),
            np.full(n, REOPEN_WINDOW + 1),
            np.zeros(n, np.int64),
        ],
        rng.integers(REOPEN_WINDOW + 2, 10 * DAY, n),
    )
    cur = np.where(w.reopens, cur + reopen_delay, cur)
    ev.add(w.reopens, cur, REOPENED)
    cur = np.where(w.reopens, cur + rng.integers(1, 120, n), cur)
    ev.add(w.reopens, cur, CUST)
    cur = np.where(w.reopens, cur + np.where(w.ai_only, ai_delay, human_delay), cur)
    reopen_agent = np.where(t2_human | (w.tier2 & w.ai_escalated), w.t2_agent, w.main_agent)
    ev.add(w.reopens & w.ai_only, cur, AI)
    ev.add(
        w.reopens & ~w.ai_only,
        cur,
        AGENT,
        actor=reopen_agent,
        ai_assisted=w.assisted.astype(np.int8),
    )
    re_resolves = w.reopens & (rng.random(n) < 0.85)
    cur = np.where(re_resolves, cur + resolve_delay, cur)
    ev.add(re_resolves, cur, RESOLVED)
    w.final_resolved_at = np.where(re_resolves, cur, np.where(w.reopens, -1, w.first_resolved_at))
    closes_after = (w.final_resolved_at >= 0) & ~closes_instead & (rng.random(n) < 0.35)
    cur = np.where(closes_after, cur + rng.integers(DAY, 5 * DAY, n), cur)
    ev.add(closes_after, cur, CLOSED)

    w.e_ticket, w.e_at, w.e_type, w.e_actor, w.e_tier, w.e_assist = ev.assemble()
    keep = w.e_at < end  # the export only holds what happened before it was taken
    w.e_ticket, w.e_at, w.e_type, w.e_actor, w.e_tier, w.e_assist = (
        a[keep] for a in (w.e_ticket, w.e_at, w.e_type, w.e_actor, w.e_tier, w.e_assist)
    )
    w.n_events = len(w.e_ticket)


def _tickets_table(w: SimpleNamespace) -> pa.Table:
    """tickets: one row per ticket."""
    rng, ts, n = _take(w, "rng ts n")
    tickets = pa.table(
        {
            "ticket_id": w.ticket_ids,
            "customer_id": _ids("C", w.customer + 1, 7),
            "channel": _choice_text(CHANNELS, w.channel),
            "category": _choice_text(CATEGORIES, w.category),
            "intent": _choice_text(w.intent_names, w.intent, null=w.intent_null),
            "priority": _choice_text(PRIORITIES, w.priority, null=rng.random(n) < 0.03),
            "created_at": ts(w.created),
            "ai_eligible": _text(w.eligible, null=rng.random(n) < 0.05),
            "ai_confidence": _text(w.confidence, null=w.confidence_null),
            "order_value": _text(
                np.round(rng.lognormal(np.log(60), 0.9, n), 2), null=rng.random(n) >= 0.5
            ),
            "sentiment_score": _text(
                np.round(
                    np.clip(
                        np.where(w.category == CATEGORIES.index("complaint"), -0.4, 0.1)
                        + rng.normal(0, 0.35, n),
                        -1,
                        1,
                    ),
                    3,
                ),
                null=rng.random(n) >= 0.7,
            ),
            "customer_email": pc.binary_join_element_wise(
                "cust", pc.cast(pa.array(w.customer + 1), pa.string()), "@example.com", ""
            ),
        }
    )
    tickets = tickets.set_column(
        tickets.schema.get_field_index("customer_email"),
        "customer_email",
        pc.if_else(
            pa.array(rng.random(n) < 0.1), pa.nulls(n, pa.string()), tickets["customer_email"]
        ),
    )
    return tickets


def _ticket_events_table(w: SimpleNamespace) -> pa.Table:
    """ticket_events: the timelines."""
    ts = w.ts
    events = pa.table(
        {
            "event_id": _ids("E", np.arange(1, w.n_events + 1), 9),
            "ticket_id": pc.take(w.ticket_ids, pa.array(w.e_ticket)),
            "event_at": ts(w.e_at),
            "event_type": _choice_text(EVENT_TYPES, w.e_type),
            "actor_id": pc.take(w.agent_ids, pa.array(w.e_actor, mask=w.e_actor < 0)),
            "to_tier": _text(w.e_tier, null=w.e_tier == 0),
            "ai_assisted": _text(w.e_assist == 1, null=w.e_assist < 0),
        }
    )
    return events


def _export_cut(w: SimpleNamespace) -> None:
    """What survived the export cut, per ticket (drives every sampled entity below)."""
    end = w.end
    in_export = lambda t: (t >= 0) & (t < end)  # noqa: E731
    w.was_resolved = in_export(w.first_resolved_at)
    w.has_human_msg = in_export(w.first_human_at)
    w.ai_handled = in_export(w.first_reply_at) & w.ai_first
    w.escalated_seen = in_export(w.esc_at)


def _agents_table(w: SimpleNamespace) -> pa.Table:
    """agents: the roster."""
    ts = w.ts
    agents = pa.table(
        {
            "agent_id": w.agent_ids,
            "team": pa.array(w.team),
            "tier": _text(w.agent_tier),
            "hired_at": ts(w.hired),
            "left_at": ts(np.where(w.leaves, w.left, 0), null=~w.leaves),
        }
    )
    return agents


def _agent_shifts_table(w: SimpleNamespace) -> pa.Table:
    """agent_shifts: 8 h on weekdays while employed."""
    ts, start = _take(w, "ts start")
    a_idx, d_idx = np.meshgrid(np.arange(w.n_agents), w.day_idx, indexing="ij")
    a_idx, d_idx = a_idx.ravel(), d_idx.ravel()
    shift_start = start + d_idx * DAY + np.array([7, 9, 12, 14])[a_idx % 4] * HOUR
    on = (
        (w.weekday[d_idx] < 5)
        & (w.hired[a_idx] <= shift_start)
        & (w.left[a_idx] >= shift_start + 8 * HOUR)
    )
    shifts = pa.table(
        {
            "agent_id": pc.take(w.agent_ids, pa.array(a_idx[on])),
            "shift_start": ts(shift_start[on]),
            "shift_end": ts(shift_start[on] + 8 * HOUR),
        }
    )
    return shifts


def _agent_work_sessions_table(w: SimpleNamespace) -> pa.Table:
    """agent_work_sessions: 1-3 per ticket with a human reply, some overlapping, a few
    zero-length."""
    rng, ts, end = _take(w, "rng ts end")
    s_ticket = np.flatnonzero(w.has_human_msg)
    k = rng.choice([1, 2, 3], len(s_ticket), p=[0.5, 0.35, 0.15])
    s_ticket = np.repeat(s_ticket, k)
    s_no = np.arange(len(s_ticket)) - np.repeat(np.cumsum(k) - k, k)
    m = len(s_ticket)
    length = _lognormal(
        rng, np.array([420, 360, 360, 360, 300, 480, 420])[w.channel[s_ticket]], 0.6, m
    )
    length = np.where(w.assisted[s_ticket], np.rint(length * 0.75), length).astype(np.int64)
    s_end = w.first_human_at[s_ticket] + s_no * rng.integers(600, 2 * HOUR, m)
    s_start = np.maximum(w.created[s_ticket], s_end - length)
    overlap = (s_no > 0) & (rng.random(m) < 0.1)
    prev_start = np.concatenate([[0], s_start[:-1]])
    s_start = np.where(overlap, prev_start + 30, s_start)
    s_end = np.where(overlap, np.maximum(s_end, s_start + 60), s_end)
    zero = rng.random(m) < 0.01
    s_end = np.where(zero, s_start, s_end)
    s_keep = s_end < end
    sessions = pa.table(
        {
            "session_id": _ids("S", np.arange(1, int(s_keep.sum()) + 1), 8),
            "ticket_id": pc.take(w.ticket_ids, pa.array(s_ticket[s_keep])),
            "agent_id": pc.take(w.agent_ids, pa.array(w.main_agent[s_ticket][s_keep])),
            "started_at": ts(s_start[s_keep]),
            "ended_at": ts(s_end[s_keep]),
        }
    )
    return sessions


def _survey_responses_table(w: SimpleNamespace) -> pa.Table:
    """survey_responses: CSAT for ~30% of resolved tickets (some answer twice), CES ~15%, NPS
    per customer."""
    cfg, rng, ts, n, start, end = _take(w, "cfg rng ts n start end")
    p_pos = np.select(
        [
            w.ai_escalated & (w.handoff <= 2),
            w.ai_escalated & (w.handoff == 3),
            w.ai_escalated,
            w.ai_only & w.needs_human,
            w.ai_only,
        ],
        [0.35, 0.6, 0.79, 0.45, 0.8],
        0.83,
    )
    p_pos = (
        p_pos
        - np.where(w.reopens, 0.15, 0)
        - np.where(w.category == CATEGORIES.index("complaint"), 0.08, 0)
    )
    final_or_first = np.where(w.final_resolved_at >= 0, w.final_resolved_at, w.first_resolved_at)
    csat_t = np.flatnonzero(w.was_resolved & (rng.random(n) < 0.30))
    twice = csat_t[rng.random(len(csat_t)) < 0.07]
    csat_t = np.concatenate([csat_t, twice])
    c_at = final_or_first[csat_t] + rng.integers(300, 3 * DAY, len(csat_t))
    c_at[-len(twice) :] += rng.integers(HOUR, DAY, len(twice)) if len(twice) else 0
    positive = rng.random(len(csat_t)) < p_pos[csat_t]
    c_score = np.where(
        positive,
        rng.choice([4, 5], len(csat_t), p=[0.4, 0.6]),
        rng.choice([1, 2, 3], len(csat_t), p=[0.3, 0.3, 0.4]),
    )
    ces_t = np.flatnonzero(w.was_resolved & (rng.random(n) < 0.15))
    ces_mean = np.select([w.ai_only[ces_t], w.ai_escalated[ces_t]], [6.1, 5.1], 5.5)
    ces_score = np.clip(np.rint(rng.normal(ces_mean, 1.0)), 1, 7).astype(np.int64)
    ces_at = final_or_first[ces_t] + rng.integers(300, 3 * DAY, len(ces_t))
    n_nps = max(20, int(n * 0.12))
    nps_customer = rng.integers(0, w.n_customers, n_nps)
    nps_score = rng.choice(11, n_nps, p=np.array([1, 1, 1, 1, 2, 3, 4, 8, 20, 27, 32]) / 100)
    nps_at = start + rng.integers(0, cfg.days * DAY, n_nps)
    s_type = np.concatenate(
        [np.zeros(len(csat_t), int), np.ones(len(ces_t), int), np.full(n_nps, 2)]
    )
    s_tk = np.concatenate([csat_t, ces_t, np.full(n_nps, -1)])
    s_at = np.concatenate([c_at, ces_at, nps_at])
    s_score = np.concatenate([c_score, ces_score, nps_score])
    s_cust = np.concatenate([w.customer[csat_t], w.customer[ces_t], nps_customer])
    order = np.lexsort((s_tk, s_at))
    s_type, s_tk, s_at, s_score, s_cust = (a[order] for a in (s_type, s_tk, s_at, s_score, s_cust))
    s_keep = s_at < end
    s_type, s_tk, s_at, s_score, s_cust = (a[s_keep] for a in (s_type, s_tk, s_at, s_score, s_cust))
    surveys = pa.table(
        {
            "response_id": _ids("R", np.arange(1, len(s_at) + 1), 7),
            "survey_type": _choice_text(("csat", "ces", "nps"), s_type),
            "score": _text(s_score),
            "responded_at": ts(s_at),
            "ticket_id": pc.take(w.ticket_ids, pa.array(s_tk, mask=s_tk < 0)),
            "customer_id": _ids("C", s_cust + 1, 7),
        }
    )
    return surveys


def _sample_after(
    w: SimpleNamespace, among: np.ndarray, share: np.ndarray | float, after: np.ndarray, gap: tuple
) -> tuple[np.ndarray, np.ndarray]:
    """A `share` of the tickets `among` (a mask), each at `after` (a time per ticket) plus
    `gap` (low, high seconds); only those before the export time. Returns (tickets, times)."""
    rng, n, end = _take(w, "rng n end")
    tickets = np.flatnonzero(among & (rng.random(n) < share))
    at = after[tickets] + rng.integers(*gap, len(tickets))
    keep = at < end
    return tickets[keep], at[keep]


def _ticket_rows(w: SimpleNamespace, id_column: str, prefix: str, tickets: np.ndarray) -> dict:
    """The id and ticket_id columns of rows about `tickets` (ids `<prefix>000001`, ...)."""
    return {
        id_column: _ids(prefix, np.arange(1, len(tickets) + 1), 6),
        "ticket_id": pc.take(w.ticket_ids, pa.array(tickets)),
    }


def _escalation_reviews_table(w: SimpleNamespace) -> pa.Table:
    """escalation_reviews: ~10% of AI-handled tickets, down-sampled strata carry a weight."""
    rng, ts = _take(w, "rng ts")
    weight = np.where(
        w.ai_only & np.isin(w.category, [0, 3]),
        4.0,
        np.where(w.ai_only & (w.category == 2), 2.5, 1.0),
    )
    after = np.maximum(w.first_reply_at, w.first_resolved_at)
    r_t, r_at = _sample_after(w, w.ai_handled, 0.12 / weight, after, (DAY, 10 * DAY))
    needed = w.needs_human[r_t] ^ (rng.random(len(r_t)) < 0.03)
    reviewers = np.flatnonzero(w.team == "tier2_specialists")
    reviewer = reviewers[rng.integers(0, len(reviewers), len(r_t))]
    return pa.table(
        {
            **_ticket_rows(w, "review_id", "ER", r_t),
            "reviewed_at": ts(r_at),
            "needed_human": _text(needed),
            "reviewer_id": pc.take(w.agent_ids, pa.array(reviewer)),
            "sample_weight": _text(weight[r_t]),
        }
    )


def _handoff_ratings_table(w: SimpleNamespace) -> pa.Table:
    """handoff_ratings: ~60% of escalated tickets, by the receiving agent."""
    rng, ts = _take(w, "rng ts")
    h_t, h_at = _sample_after(w, w.escalated_seen, 0.6, w.esc_at, (600, 4 * HOUR))
    h_score = np.where(
        w.ai_escalated[h_t],
        w.handoff[h_t],
        rng.choice(np.arange(1, 6), len(h_t), p=[0.03, 0.05, 0.14, 0.38, 0.40]),
    )
    rater = np.where(w.tier2[h_t], w.t2_agent[h_t], w.main_agent[h_t])
    return pa.table(
        {
            **_ticket_rows(w, "rating_id", "HR", h_t),
            "rated_at": ts(h_at),
            "score": _text(h_score),
            "rater_id": pc.take(w.agent_ids, pa.array(rater)),
        }
    )


def _ai_response_reviews_table(w: SimpleNamespace) -> pa.Table:
    """ai_response_reviews: ~5% of AI-handled tickets."""
    rng, ts = _take(w, "rng ts")
    a_t, a_at = _sample_after(w, w.ai_handled, 0.05, w.first_reply_at, (DAY, 5 * DAY))
    accurate = rng.random(len(a_t)) < np.where(w.needs_human[a_t], 0.85, 0.95)
    return pa.table(
        {
            **_ticket_rows(w, "review_id", "AR", a_t),
            "reviewed_at": ts(a_at),
            "is_accurate": _text(accurate),
            "intent": _choice_text(w.intent_names, w.intent[a_t], null=w.intent_null[a_t]),
        }
    )


def _qa_reviews_table(w: SimpleNamespace) -> pa.Table:
    """qa_reviews: ~5% of agent-handled tickets."""
    rng, ts = _take(w, "rng ts")
    q_t, q_at = _sample_after(w, w.has_human_msg, 0.05, w.first_human_at, (DAY, 7 * DAY))
    q_agent = np.where(w.ai_escalated[q_t] & w.tier2[q_t], w.t2_agent[q_t], w.main_agent[q_t])
    score = np.clip(np.rint(rng.normal(82, 10, len(q_t))), 0, 100).astype(np.int64)
    return pa.table(
        {
            **_ticket_rows(w, "review_id", "QA", q_t),
            "agent_id": pc.take(w.agent_ids, pa.array(q_agent)),
            "reviewed_at": ts(q_at),
            "score": _text(score),
        }
    )


def _intent_coverage_table(w: SimpleNamespace) -> pa.Table:
    """intent_coverage: the knowledge base, per intent."""
    cfg, rng, ts, start = _take(w, "cfg rng ts start")
    n_int = len(w.intent_names)
    coverage = pa.table(
        {
            "intent": pa.array(w.intent_names),
            "has_approved_answer": _text(rng.random(n_int) < 0.8),
            "updated_at": ts(
                start
                - rng.integers(0, 200 * DAY, n_int)
                + rng.integers(0, max(1, cfg.days) * DAY, n_int) // 2
            ),
        }
    )
    return coverage


def _operating_costs_table(w: SimpleNamespace) -> pa.Table:
    """operating_costs: per month and channel, plus unallocated (NULL channel) overheads."""
    cfg, rng = _take(w, "cfg rng")
    last_day = np.datetime64(cfg.start_date, "D") + cfg.days - 1
    months = np.arange(np.datetime64(cfg.start_date, "M"), last_day.astype("datetime64[M]") + 1)
    month_start = months.astype("datetime64[D]").astype("datetime64[s]").astype(np.int64)
    month_of_ticket = np.searchsorted(month_start, w.created, side="right") - 1
    human_cost = np.where(w.human_involved, 12.0, 0) + np.where(w.ai_first, 1.0, 0)
    cost = np.zeros((len(months), len(CHANNELS)))
    np.add.at(cost, (month_of_ticket, w.channel), human_cost)
    cost = np.round(cost * rng.uniform(0.95, 1.05, cost.shape), 2)
    overhead = np.round(np.bincount(month_of_ticket, minlength=len(months)) * 2.5, 2)
    m_rows = np.concatenate(
        [np.repeat(np.arange(len(months)), len(CHANNELS)), np.arange(len(months))]
    )
    c_rows = np.concatenate(
        [np.tile(np.arange(len(CHANNELS)), len(months)), np.full(len(months), -1)]
    )
    costs = pa.table(
        {
            "month": pa.array(np.datetime_as_string(months.astype("datetime64[D]"))[m_rows]),
            "channel": _choice_text(CHANNELS, np.maximum(c_rows, 0), null=c_rows < 0),
            "total_cost": _text(np.concatenate([cost.ravel(), overhead])),
        }
    )
    return costs


# entity -> its table, in the order the tables draw their random numbers
_LATER_TABLES = {
    "agents": _agents_table,
    "agent_shifts": _agent_shifts_table,
    "agent_work_sessions": _agent_work_sessions_table,
    "survey_responses": _survey_responses_table,
    "escalation_reviews": _escalation_reviews_table,
    "handoff_ratings": _handoff_ratings_table,
    "ai_response_reviews": _ai_response_reviews_table,
    "qa_reviews": _qa_reviews_table,
    "intent_coverage": _intent_coverage_table,
    "operating_costs": _operating_costs_table,
}


def build_tables(cfg: GenerateConfig) -> tuple[dict[str, pa.Table], dict[str, dict[str, int]]]:
    """Build every entity as a table of text columns (clean rows plus injected bad rows)."""
    start = _epoch(cfg.start_date)
    w = SimpleNamespace(
        cfg=cfg,
        rng=np.random.default_rng(cfg.seed),
        ts=_Timestamps(np.random.default_rng([cfg.seed, 1]), TIMESTAMP_OFFSET_SHARE),
        n=int(cfg.tickets),
        start=start,
        end=start + int(cfg.days) * DAY,  # the export time: nothing later than this is written
        launch=_epoch(cfg.ai_launch_date),
    )
    _draw_tickets(w)
    _draw_resolution_paths(w)
    _draw_agents(w)
    _draw_timelines(w)
    tables = {"tickets": _tickets_table(w), "ticket_events": _ticket_events_table(w)}
    _export_cut(w)
    tables.update({name: build(w) for name, build in _LATER_TABLES.items()})
    assert set(tables) == set(CONTRACT), sorted(set(tables) ^ set(CONTRACT))
    # bad rows are drawn entity by entity, in the contract's order
    tables = {name: tables[name] for name in ENTITIES}
    bad: dict[str, dict[str, int]] = {}
    if cfg.bad_row_share > 0:
        bad_rng = np.random.default_rng([cfg.seed, 2])
        tables, bad = _inject_bad_rows(tables, cfg.bad_row_share, bad_rng, w.created, start)
    for name, table in tables.items():
        assert sorted(table.column_names) == sorted(CONTRACT[name]), name
    return tables, bad


# --------------------------------------------------------------------------------------------
# Contract-breaking rows
# --------------------------------------------------------------------------------------------
# entity -> list of (kind, column, value); value None = NULL. Special kinds are handled below.
BAD_KINDS: dict[str, list[tuple[str, str | None, str | None]]] = {
    "tickets": [
        ("null_required", "customer_id", None),
        ("null_required", "created_at", None),
        ("unparseable_timestamp", "created_at", "not a date"),
        ("unparseable_number", "order_value", "n/a"),
        ("conflicting_duplicate_id", "channel", None),
        ("exact_duplicate", None, None),
        ("channel_variant", "channel", None),
        ("unknown_channel", "channel", "fax"),
    ],
    "ticket_events": [
        ("null_required", "event_type", None),
        ("null_required", "ticket_id", None),
        ("unparseable_timestamp", "event_at", "not a date"),
        ("unparseable_number", "to_tier", "two"),
        ("unknown_event_type", "event_type", "note_added"),
        ("unknown_ticket", "ticket_id", None),
        ("event_before_created", "event_at", None),
        ("conflicting_duplicate_id", "event_at", None),
        ("exact_duplicate", None, None),
        ("event_type_variant", "event_type", None),
    ],
    "agent_work_sessions": [
        ("null_required", "ended_at", None),
        ("unparseable_timestamp", "started_at", "not a date"),
        ("unknown_ticket", "ticket_id", None),
        ("conflicting_duplicate_id", "ended_at", None),
        ("exact_duplicate", None, None),
    ],
    "agent_shifts": [("null_required", "shift_end", None), ("exact_duplicate", None, None)],
    "agents": [("exact_duplicate", None, None)],
    "survey_responses": [
        ("score_out_of_range", "score", None),
        ("unparseable_number", "score", "five"),
        ("null_required", "responded_at", None),
        ("unknown_ticket", "ticket_id", None),
        ("conflicting_duplicate_id", "score", None),
        ("exact_duplicate", None, None),
    ],
    "escalation_reviews": [
        ("sample_weight_zero", "sample_weight", "0"),
        ("unparseable_number", "sample_weight", "abc"),
        ("unparseable_boolean", "needed_human", "maybe"),
        ("unknown_ticket", "ticket_id", None),
        ("conflicting_duplicate_id", "needed_human", None),
        ("exact_duplicate", None, None),
    ],
    "handoff_ratings": [
        ("score_out_of_range", "score", "6"),
        ("null_required", "rated_at", None),
        ("unknown_ticket", "ticket_id", None),
        ("exact_duplicate", None, None),
    ],
    "ai_response_reviews": [
        ("unparseable_boolean", "is_accurate", "perhaps"),
        ("unknown_ticket", "ticket_id", None),
        ("exact_duplicate", None, None),
    ],
    "qa_reviews": [
        ("score_out_of_range", "score", "140"),
        ("unparseable_number", "score", "good"),
        ("unknown_ticket", "ticket_id", None),
        ("exact_duplicate", None, None),
    ],
    "intent_coverage": [("exact_duplicate", None, None)],
    "operating_costs": [("exact_duplicate", None, None)],
}
CHANNEL_VARIANTS = {
    "web_chat": "Web - Chat",
    "whatsapp": " WhatsApp ",
    "email": "EMAIL",
    "messenger": "Messenger",
    "instagram_dm": "Instagram DM",
    "sms": "SMS",
    "voice": "Voice ",
}
EVENT_TYPE_VARIANTS = {
    "customer_message": "Customer Message",
    "resolved": "RESOLVED",
    "agent_message": "agent-message",
    "ai_message": " AI_Message",
}
SCORE_OUT_OF_RANGE = {"csat": "6", "ces": "9", "nps": "11"}
# entity -> its id column (a one-column key), which appended bad rows get fresh values of
ID_COLUMN = {
    name: entity.key[0] for name, entity in _CONTRACT_ENTITIES.items() if len(entity.key) == 1
}


def _set(table: pa.Table, column: str, values: pa.Array | Sequence[str | None]) -> pa.Table:
    i = table.schema.get_field_index(column)
    return table.set_column(i, column, pa.array(values, pa.string()))


def _inject_bad_rows(
    tables: dict[str, pa.Table],
    share: float,
    rng: np.random.Generator,
    created: np.ndarray,
    start: int,
) -> tuple[dict[str, pa.Table], dict[str, dict[str, int]]]:
    out: dict[str, pa.Table] = {}
    counts: dict[str, dict[str, int]] = {}
    for name, table in tables.items():
        kinds = BAD_KINDS.get(name, [])
        n_rows = table.num_rows
        if not kinds or n_rows == 0:
            out[name] = table
            continue
        per_kind = max(1, int(round(share * n_rows / len(kinds))))
        extra: list[pa.Table] = []
        counts[name] = {}
        for kind, column, value in kinds:
            rows = np.sort(rng.choice(n_rows, min(per_kind, n_rows), replace=False))
            sample = table.take(pa.array(rows))
            k = len(rows)
            if kind == "channel_variant":
                # every spelling at least once: rows drawn channel by channel
                channel_text = np.asarray(table["channel"].to_numpy(zero_copy_only=False))
                by_channel = [np.flatnonzero(channel_text == c) for c in CHANNELS]
                rows = np.sort(
                    np.concatenate(
                        [
                            rng.choice(
                                idx, min(len(idx), max(1, k // len(CHANNELS))), replace=False
                            )
                            for idx in by_channel
                            if len(idx)
                        ]
                    )
                )
                sample = table.take(pa.array(rows))
                k = len(rows)
                original = sample["channel"].to_pylist()
                table = _replace_rows(
                    table, rows, "channel", [CHANNEL_VARIANTS[c] for c in original]
                )
            elif kind == "unknown_channel":
                table = _replace_rows(table, rows, "channel", [value] * k)
            elif kind == "event_type_variant":
                original = sample["event_type"].to_pylist()
                table = _replace_rows(
                    table,
                    rows,
                    "event_type",
                    [EVENT_TYPE_VARIANTS.get(t, t.upper()) for t in original],
                )
            elif kind == "exact_duplicate":
                extra.append(sample)
            elif kind == "conflicting_duplicate_id":
                if column == "channel":
                    new = ["sms" if c != "sms" else "email" for c in sample[column].to_pylist()]
                elif column in ("event_at", "ended_at"):
                    new = [
                        f"{v[:10]}T23:59:59" if v else "2026-01-01T00:00:00"
                        for v in sample[column].to_pylist()
                    ]
                elif column == "score":
                    new = [
                        str((int(v) % 5) + 1) if v and v.isdigit() else "3"
                        for v in sample[column].to_pylist()
                    ]
                else:  # booleans
                    new = ["false" if v == "true" else "true" for v in sample[column].to_pylist()]
                extra.append(_set(sample, column, new))
            elif kind == "unknown_ticket":
                extra.append(_set(sample, "ticket_id", [f"T_UNKNOWN_{i:05d}" for i in range(k)]))
            elif kind == "score_out_of_range" and name == "survey_responses":
                types = sample["survey_type"].to_pylist()
                extra.append(_set(sample, "score", [SCORE_OUT_OF_RANGE[t] for t in types]))
            elif kind == "event_before_created":
                t_idx = np.array(
                    [
                        int(t[1:]) - 1 if t and t[1:].isdigit() else 0
                        for t in sample["ticket_id"].to_pylist()
                    ]
                )
                before = created[t_idx] - rng.integers(HOUR, 3 * DAY, k)
                sample = _set(sample, "event_at", _iso_seconds(before))
                extra.append(_set(sample, "event_type", ["customer_message"] * k))
            else:
                extra.append(_set(sample, column, [value] * k))
            counts[name][kind] = counts[name].get(kind, 0) + k
        if extra:
            # give appended rows fresh ids where they must not collide
            fixed = []
            id_col = ID_COLUMN.get(name)
            bad_no = 0
            for (kind, _c, _v), part in zip(
                [
                    kd
                    for kd in kinds
                    if kd[0] not in ("channel_variant", "unknown_channel", "event_type_variant")
                ],
                extra,
                strict=True,
            ):
                if id_col and kind not in ("exact_duplicate", "conflicting_duplicate_id"):
                    ids = [f"{id_col[:1].upper()}BAD{bad_no + i:06d}" for i in range(part.num_rows)]
                    bad_no += part.num_rows
                    part = _set(part, id_col, ids)
                fixed.append(part)
            combined = pa.concat_tables([table, *fixed])
            # interleave the appended rows at random positions (deterministic)
            n_extra = combined.num_rows - n_rows
            pos = np.concatenate(
                [np.arange(n_rows, dtype=float), rng.integers(0, n_rows, n_extra) + 0.5]
            )
            table = combined.take(pa.array(np.argsort(pos, kind="stable")))
        out[name] = table
    return out, counts


def _replace_rows(table: pa.Table, rows: np.ndarray, column: str, values: list[str]) -> pa.Table:
    col = table[column].combine_chunks()
    mask = np.zeros(table.num_rows, dtype=bool)
    mask[rows] = True
    return _set(
        table, column, pc.replace_with_mask(col, pa.array(mask), pa.array(values, pa.string()))
    )


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------
def write_table(table: pa.Table, path: Path, file_format: str) -> None:
    """Write one entity: Parquet (zstd, string columns) or CSV (header, UTF-8, empty = NULL)."""
    table = table.cast(pa.schema([pa.field(c, pa.string()) for c in table.column_names]))
    if file_format == "parquet":
        # dictionary pages only pay off on repetitive columns (not keys, not timestamps)
        repetitive = [
            c for c in table.column_names[1:] if not c.endswith(("_at", "shift_start", "shift_end"))
        ]
        pq.write_table(
            table, path, compression="zstd", compression_level=6, use_dictionary=repetitive
        )
    elif file_format == "csv":
        pacsv.write_csv(table, path, pacsv.WriteOptions(include_header=True))
    else:
        raise ValueError(f"unknown format {file_format!r} (csv or parquet)")


def generate(out_dir: str | Path, cfg: GenerateConfig | None = None) -> GenerateResult:
    """Generate the raw exports of `cfg` into `out_dir`, one file per selected entity."""
    cfg = cfg or GenerateConfig()
    if cfg.tickets < 1 or cfg.days < 1:
        raise ValueError("tickets and days must be positive")
    if not 0 <= cfg.bad_row_share < 0.5:
        raise ValueError("bad_row_share must be in [0, 0.5)")
    unknown = sorted(set(cfg.only) - set(ENTITIES))
    if unknown:
        raise ValueError(f"unknown entities: {', '.join(unknown)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables, bad = build_tables(cfg)
    files: dict[str, Path] = {}
    rows: dict[str, int] = {}
    for name in ENTITIES:
        if name not in cfg.only:
            continue
        path = out / f"{name}.{cfg.file_format}"
        write_table(tables[name], path, cfg.file_format)
        files[name] = path
        rows[name] = tables[name].num_rows
    return GenerateResult(
        files=files, rows=rows, bad_rows={k: v for k, v in bad.items() if k in cfg.only}
    )


def parse_entities(text: str | Iterable[str]) -> tuple[str, ...]:
    """`"tickets, ticket_events"` -> ("tickets", "ticket_events"), checked against the contract."""
    items = text.split(",") if isinstance(text, str) else list(text)
    names = tuple(dict.fromkeys(s.strip() for s in items if s.strip()))
    unknown = [s for s in names if s not in ENTITIES]
    if unknown:
        raise ValueError(f"unknown entities: {', '.join(unknown)} (known: {', '.join(ENTITIES)})")
    return names
