import type { CeRow, Comparison, EffectRow } from "../analysis/comparison.js";
import { OUTCOMES, type OutcomeKey } from "../analysis/outcomes.js";
import type { PairedEffect } from "../analysis/paired.js";
import type { RatioInterval } from "../analysis/ratio.js";
import { outcomeLabel } from "./charts/labels.js";
import { fmtN, fmtSigned, fmtSignedPercent, isBoundedRatio, ratioSetText } from "./format.js";
import type { ReportCell, ReportTable } from "./html.js";
import type { Translate } from "./i18n/index.js";
import { ceCell, discoveryNote } from "./tables.js";

/**
 * The decision summary that opens a comparison report: which mix does best on the headline
 * outcomes, what it costs the public purse (and how that cost splits), what each extra unit
 * costs, and what an equal budget buys. Mixes are rows in one order across its tables.
 */

/** The outcomes a decision turns on, in the order the summary shows them. */
export const HEADLINE_OUTCOMES: readonly OutcomeKey[] = [
  "innovations",
  "output",
  "employment",
  "smeSurvival",
];

/** Outcomes where less is better (a rise in loan defaults is a cost, not a gain). */
const LOWER_IS_BETTER: ReadonlySet<OutcomeKey> = new Set(["loanDefaults"]);

/** Fewer paired seeds than this, and the summary warns that its intervals are not to be trusted. */
export const MIN_SEEDS = 5;

export interface RankedMix {
  scenario: string;
  /** Mean of the per-outcome ranks (1 = best) over the headline outcomes present. */
  meanRank: number;
  /** Rank on each headline outcome (1 = the largest estimated gain); absent without an estimate. */
  ranks: Partial<Record<OutcomeKey, number>>;
}

function effectOf(c: Comparison, scenario: string, outcome: OutcomeKey): PairedEffect | undefined {
  return c.effects.find((e: EffectRow) => e.scenario === scenario && e.outcome === outcome)?.effect;
}

/** The headline outcomes this comparison reports, in summary order. */
export function headlineOutcomes(c: Comparison): OutcomeKey[] {
  const present = new Set(c.effects.map((e) => e.outcome));
  const keys = HEADLINE_OUTCOMES.filter((o) => present.has(o));
  // a comparison run on other outcomes only still gets a summary, on what it has
  return keys.length > 0 ? keys : [...present].slice(0, 4);
}

/**
 * Ranks the mixes on each headline outcome by the point estimate of the effect (best first) and
 * orders them by their mean rank, ties broken by the first outcome's rank, then by the order the
 * user gave. Ranks order point estimates: where intervals overlap, two mixes may not differ.
 */
export function rankMixes(c: Comparison, outcomes: readonly OutcomeKey[] = headlineOutcomes(c)): RankedMix[] {
  const mixes = c.scenarios.filter((s) => s !== c.baseline);
  const ranked: RankedMix[] = mixes.map((scenario) => ({ scenario, meanRank: Number.NaN, ranks: {} }));
  for (const o of outcomes) {
    const sign = LOWER_IS_BETTER.has(o) ? -1 : 1;
    const scored = ranked
      .map((m) => ({ m, v: effectOf(c, m.scenario, o)?.diff.estimate ?? Number.NaN }))
      .filter((x) => Number.isFinite(x.v))
      .sort((a, b) => sign * (b.v - a.v));
    scored.forEach((x, k) => {
      // equal estimates share a rank
      const prev = scored[k - 1];
      x.m.ranks[o] = prev && prev.v === x.v ? (prev.m.ranks[o] ?? k + 1) : k + 1;
    });
  }
  for (const m of ranked) {
    const rs = outcomes.map((o) => m.ranks[o]).filter((r): r is number => r !== undefined);
    m.meanRank = rs.length ? rs.reduce((a, b) => a + b, 0) / rs.length : Number.POSITIVE_INFINITY;
  }
  const first = outcomes[0];
  return ranked
    .map((m, k) => ({ m, k }))
    .sort(
      (a, b) =>
        a.m.meanRank - b.m.meanRank ||
        (a.m.ranks[first] ?? Number.POSITIVE_INFINITY) - (b.m.ranks[first] ?? Number.POSITIVE_INFINITY) ||
        a.k - b.k,
    )
    .map(({ m }) => m);
}

const kindOf = (o: OutcomeKey) => OUTCOMES.find((x) => x.key === o)?.kind ?? "total";

/**
 * An effect as the summary shows it: the change relative to the baseline's mean (a share in
 * percentage points), a star for a discovery, the unadjusted interval beneath.
 */
export function effectCell(
  e: PairedEffect | undefined,
  outcome: OutcomeKey,
  t: Translate,
  rank?: number,
): ReportCell {
  if (!e || !Number.isFinite(e.diff.estimate)) return { text: "–" };
  const star = e.discovery ? "*" : "";
  const badge = rank !== undefined ? String(rank) : undefined;
  if (kindOf(outcome) === "share") {
    const pp = (x: number) => fmtSigned(x * 100, 2);
    return {
      text: `${t("summary.pp", { x: pp(e.diff.estimate) })}${star}`,
      sub: `[${pp(e.diff.lo)}, ${pp(e.diff.hi)}]`,
      badge,
    };
  }
  const base = Math.abs(e.baselineMean);
  if (!(base > 0))
    return {
      text: `${fmtSigned(e.diff.estimate)}${star}`,
      sub: `[${fmtSigned(e.diff.lo)}, ${fmtSigned(e.diff.hi)}]`,
      badge,
    };
  return {
    text: `${fmtSignedPercent(e.diff.estimate / base)}${star}`,
    sub: `[${fmtSignedPercent(e.diff.lo / base)}, ${fmtSignedPercent(e.diff.hi / base)}]`,
    badge,
  };
}

/** An interval in M as a cell: the estimate, its 95% interval beneath. */
function moneyCell(i: { estimate: number; lo: number; hi: number }): ReportCell {
  return { text: fmtN(i.estimate), sub: `[${fmtN(i.lo)}, ${fmtN(i.hi)}]` };
}

/**
 * The reciprocal of a Fieller set (cost per gain → gain per cost), exact: Fieller's set for
 * b/a is the image under 1/x of the set for a/b. Each piece of the set is split at 0 and
 * inverted; pieces that meet are joined.
 */
export function invertRatio(r: RatioInterval): RatioInterval {
  const pieces: [number, number][] =
    r.kind === "exclusive" && r.excluded
      ? [
          [Number.NEGATIVE_INFINITY, r.excluded[0]],
          [r.excluded[1], Number.POSITIVE_INFINITY],
        ]
      : [[r.lo, r.hi]];
  const inv = (x: number) => (x === 0 ? Number.NaN : 1 / x);
  const out: [number, number][] = [];
  for (const [a, b] of pieces) {
    if (b > 0) {
      const lo = Math.max(a, 0);
      // [lo, b] with 0 ≤ lo: its image is [1/b, 1/lo] (1/∞ = 0; 1/0 = ∞)
      out.push([b === Number.POSITIVE_INFINITY ? 0 : 1 / b, lo === 0 ? Number.POSITIVE_INFINITY : inv(lo)]);
    }
    if (a < 0) {
      const hi = Math.min(b, 0);
      out.push([hi === 0 ? Number.NEGATIVE_INFINITY : inv(hi), a === Number.NEGATIVE_INFINITY ? 0 : 1 / a]);
    }
  }
  out.sort((p, q) => p[0] - q[0]);
  const merged: [number, number][] = [];
  for (const p of out) {
    const last = merged[merged.length - 1];
    if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
    else merged.push([...p]);
  }
  const estimate = 1 / r.estimate;
  const n = r.n;
  if (merged.length === 1) {
    const [lo, hi] = merged[0];
    const bounded = Number.isFinite(lo) && Number.isFinite(hi);
    return { estimate, lo, hi, n, bounded, kind: bounded ? "bounded" : "unbounded" };
  }
  if (
    merged.length === 2 &&
    merged[0][0] === Number.NEGATIVE_INFINITY &&
    merged[1][1] === Number.POSITIVE_INFINITY
  ) {
    return {
      estimate,
      lo: Number.NEGATIVE_INFINITY,
      hi: Number.POSITIVE_INFINITY,
      n,
      bounded: false,
      kind: "exclusive",
      excluded: [merged[0][1], merged[1][0]],
    };
  }
  return {
    estimate,
    lo: Number.NEGATIVE_INFINITY,
    hi: Number.POSITIVE_INFINITY,
    n,
    bounded: false,
    kind: "unbounded",
  };
}

/** A set scaled by a positive factor (a change of money unit). */
function scaleRatio(r: RatioInterval, k: number): RatioInterval {
  return {
    ...r,
    estimate: r.estimate * k,
    lo: r.lo * k,
    hi: r.hi * k,
    ...(r.excluded ? { excluded: [r.excluded[0] * k, r.excluded[1] * k] as const } : {}),
  };
}

/**
 * The baseline's output summed over the window (M): the output effect's baseline mean, or, when
 * output is not among the outcomes, the net cost over its share of output.
 */
export function baselineOutput(c: Comparison): number {
  const fromEffects = c.effects.find((e) => e.outcome === "output")?.effect.baselineMean;
  if (fromEffects !== undefined && Number.isFinite(fromEffects) && fromEffects > 0) return fromEffects;
  for (const f of c.fiscal) {
    const b = f.netCost.estimate / f.shareOfOutput.estimate;
    if (Number.isFinite(b) && b > 0) return b;
  }
  return Number.NaN;
}

/**
 * What a net public cost of 1% of the baseline's output over the window would buy, scaling each
 * mix linearly: the Fieller set of gain per cost (the reciprocal of cost per gain) times that
 * budget. Bounded only when the cost is distinguishable from 0.
 */
export function equalBudgetCell(row: CeRow | undefined, budget: number, t: Translate): ReportCell {
  if (!row) return { text: "–" };
  if (!row.ratio || !Number.isFinite(budget)) return { text: t(`na.${row.reason ?? "noRecords"}`) };
  return ratioCell(scaleRatio(invertRatio(row.ratio), budget), t);
}

/** A Fieller set as a cell: estimate over interval when bounded, else "unbounded" over the set. */
function ratioCell(r: RatioInterval, t: Translate): ReportCell {
  if (isBoundedRatio(r)) return { text: fmtN(r.estimate), sub: ratioSetText(r, t) };
  return {
    text: t("ratio.unbounded"),
    sub: `${ratioSetText(r, t)}${t("summary.setSep")}${t("ratio.estimate", { x: fmtN(r.estimate) })}`,
  };
}

/** A cost-per-gain cell: the estimate, the Fieller set beneath ("unbounded: …" when it is). */
function costPerCell(row: CeRow | undefined, t: Translate): ReportCell {
  if (!row?.ratio) return { text: ceCell(row, t) };
  return ratioCell(row.ratio, t);
}

/** "quarters 41–80" paragraphs: window, seeds, policy start, and the warnings. */
export function summaryText(c: Comparison, t: Translate): { paragraphs: string[]; warnings: string[] } {
  const n = c.seeds.length;
  const starts = [
    ...new Set(c.scenarios.filter((s) => s !== c.baseline).map((s) => c.policyStart?.[s])),
  ].filter((q): q is number => Number.isFinite(q));
  const outcomes = headlineOutcomes(c);
  const names = (kind: string) =>
    outcomes
      .filter((o) => kindOf(o) === kind)
      .map((o) => t(`outcome.${o}`))
      .join(t("summary.listSep"));
  const parts: string[] = [];
  if (names("total"))
    parts.push(t("summary.totals", { names: names("total"), from: c.window.from, to: c.window.to }));
  if (names("level")) parts.push(t("summary.levels", { names: names("level"), to: c.window.to }));
  if (names("share"))
    parts.push(t("summary.shares", { names: names("share"), from: c.window.from, to: c.window.to }));
  const paragraphs = [
    t("summary.window", {
      from: c.window.from,
      to: c.window.to,
      n,
      baseline: c.baseline,
      start: starts.length ? starts.join(", ") : c.window.from,
    }),
    `${parts.join(t("summary.sep"))}${t("summary.end")}`,
  ];
  const warnings = n < MIN_SEEDS ? [t("summary.fewSeeds", { n, min: MIN_SEEDS })] : [];
  return { paragraphs, warnings };
}

/** The decision summary's tables, mixes in ranked order in each. */
export function decisionTables(c: Comparison, t: Translate): ReportTable[] {
  const outcomes = headlineOutcomes(c);
  const ranked = rankMixes(c, outcomes);
  const fiscal = new Map(c.fiscal.map((f) => [f.scenario, f]));
  const ce = (s: string, target: string) =>
    c.costEffectiveness.find((r) => r.scenario === s && r.target === target);
  const effects: ReportTable = {
    caption: t("summary.effectsCaption", { from: c.window.from, to: c.window.to }),
    headers: [t("summary.rank"), t("table.mix"), ...outcomes.map((o) => outcomeLabel(t, o))],
    rows: ranked.map((m, k) => [
      { text: String(k + 1), strong: true },
      { text: m.scenario, strong: true },
      ...outcomes.map((o) => effectCell(effectOf(c, m.scenario, o), o, t, m.ranks[o])),
    ]),
    numeric: [0, ...outcomes.map((_, i) => i + 2)],
    note: `${t("summary.rankNote")} ${discoveryNote(c, t)}`,
    className: "matrix",
  };
  const money = (
    s: string,
    pick: (f: NonNullable<ReturnType<typeof fiscal.get>>) => { estimate: number; lo: number; hi: number },
  ) => {
    const f = fiscal.get(s);
    return f ? moneyCell(pick(f)) : { text: "–" };
  };
  const costs: ReportTable = {
    caption: t("summary.costCaption", { to: c.window.to }),
    headers: [
      t("table.mix"),
      t("table.netCost"),
      t("table.spending"),
      t("table.taxExpenditure"),
      t("table.secondRoundTax"),
      t("table.perInnovation"),
      t("table.perJob"),
      t("table.perOutput"),
    ],
    rows: ranked.map((m) => [
      { text: m.scenario, strong: true },
      money(m.scenario, (f) => f.netCost),
      money(m.scenario, (f) => f.spending),
      money(m.scenario, (f) => f.taxExpenditure),
      money(m.scenario, (f) => f.secondRoundTax),
      costPerCell(ce(m.scenario, "innovations"), t),
      costPerCell(ce(m.scenario, "jobs"), t),
      costPerCell(ce(m.scenario, "output"), t),
    ]),
    numeric: [1, 2, 3, 4, 5, 6, 7],
    note: `${t("summary.costNote", { from: c.window.from, to: c.window.to })} ${t("report.ceNote")}`,
    className: "matrix",
  };
  const base = baselineOutput(c);
  const budget = base / 100;
  const equal: ReportTable = {
    caption: t("summary.equalCaption"),
    headers: [
      t("table.mix"),
      t("summary.perBudgetInnovations"),
      t("summary.perBudgetJobs"),
      t("summary.perBudgetOutput"),
    ],
    rows: ranked.map((m) => [
      { text: m.scenario, strong: true },
      equalBudgetCell(ce(m.scenario, "innovations"), budget, t),
      equalBudgetCell(ce(m.scenario, "jobs"), budget, t),
      equalBudgetCell(ce(m.scenario, "output"), budget, t),
    ]),
    numeric: [1, 2, 3],
    note: t("summary.equalNote", { budget: fmtN(budget), from: c.window.from, to: c.window.to }),
    className: "matrix",
  };
  return [effects, costs, equal];
}
