import type { TopLevelSpec } from "vega-lite";
import { type ChartSpec, chartConfig, titleOf, VL_SCHEMA } from "./common.js";

/**
 * The charts of `ecosim calibrate`'s report: the posterior marginals against their priors, the
 * fit of every moment (standardised, with the predictive check of the held-out ones), and the
 * tolerance schedule of the ABC-SMC run. Plain Vega-Lite specs with their data inlined.
 */
export interface MarginalInput {
  path: string;
  prior: [number, number];
  default: number | null;
  /** A known true value (synthetic checks). */
  truth?: number | null;
  values: { value: number; weight: number }[];
  q05: number;
  q95: number;
}

export interface FitInput {
  id: string;
  heldOut: boolean;
  target: number;
  scale: number;
  simulated: number | null;
  simulatedCi: [number | null, number | null];
  predictive: number | null;
  predictiveCi: [number | null, number | null];
}

export interface ScheduleInput {
  generation: number;
  epsilon: number;
  medianDistance: number;
  acceptance: number;
}

/** Weighted histograms of the posterior, one panel per parameter over its prior range. */
export function marginalsChart(marginals: readonly MarginalInput[]): ChartSpec {
  const values = marginals.flatMap((m) =>
    m.values.map((v) => ({
      parameter: m.path,
      // position within the prior range, so every panel shares the bins
      u: (v.value - m.prior[0]) / (m.prior[1] - m.prior[0]),
      weight: v.weight,
    })),
  );
  const marks = marginals.flatMap((m) => {
    const u = (x: number) => (x - m.prior[0]) / (m.prior[1] - m.prior[0]);
    const out: { parameter: string; u: number; what: string }[] = [
      { parameter: m.path, u: u(m.q05), what: "90% posterior interval" },
      { parameter: m.path, u: u(m.q95), what: "90% posterior interval" },
    ];
    if (m.default !== null && m.default >= m.prior[0] && m.default <= m.prior[1])
      out.push({ parameter: m.path, u: u(m.default), what: "model default" });
    if (m.truth !== undefined && m.truth !== null)
      out.push({ parameter: m.path, u: u(m.truth), what: "truth" });
    return out;
  });
  return {
    id: "1-posterior-marginals",
    title: "Posterior marginals",
    spec: layeredFacet(marginals, values, marks),
  };
}

/** One row per parameter: bars then rules, each layer with the facet's data (Vega-Lite needs one). */
function layeredFacet(
  marginals: readonly MarginalInput[],
  bars: { parameter: string; u: number; weight: number }[],
  rules: { parameter: string; u: number; what: string }[],
): TopLevelSpec {
  const rows = [
    ...bars.map((b) => ({ ...b, kind: "particle", what: null as string | null })),
    ...rules.map((r) => ({ ...r, kind: "mark", weight: null as number | null })),
  ];
  return {
    $schema: VL_SCHEMA,
    config: chartConfig(),
    title: titleOf(
      "Posterior marginals",
      "weighted particles; x: position within the uniform prior range (0 = lower bound, 1 = upper)",
    ),
    data: { values: rows },
    facet: {
      row: {
        field: "parameter",
        type: "nominal",
        title: null,
        sort: marginals.map((m) => m.path),
        header: { labelAngle: 0, labelAlign: "left", labelLimit: 320 },
      },
    },
    spec: {
      width: 420,
      height: 80,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'particle'" }],
          mark: { type: "bar", color: "#0072B2" },
          encoding: {
            x: {
              field: "u",
              type: "quantitative",
              bin: { extent: [0, 1], step: 0.05 },
              scale: { domain: [0, 1] },
              title: "position in the prior range",
            },
            y: { aggregate: "sum", field: "weight", type: "quantitative", title: "weight" },
          },
        },
        {
          transform: [{ filter: "datum.kind === 'mark'" }],
          mark: { type: "rule", strokeWidth: 2 },
          encoding: {
            x: { field: "u", type: "quantitative" },
            color: {
              field: "what",
              type: "nominal",
              title: null,
              scale: {
                domain: ["90% posterior interval", "model default", "truth"],
                range: ["#555555", "#D55E00", "#009E73"],
              },
            },
          },
        },
      ],
    },
    resolve: { scale: { y: "independent" } },
  } as TopLevelSpec;
}

/**
 * Every moment standardised by its distance scale σ: (simulated − target)/σ at the posterior
 * (calibration seeds, 90% interval) and in the predictive check (fresh seeds); the band ±1.645
 * is where a moment fits at 90%.
 */
export function fitChart(fit: readonly FitInput[]): ChartSpec {
  const z = (x: number | null, f: FitInput) => (x === null ? null : (x - f.target) / f.scale);
  const rows = fit.flatMap((f) => [
    {
      moment: f.id,
      role: f.heldOut ? "held out" : "fitted",
      kind: "posterior (calibration seeds)",
      z: z(f.simulated, f),
      lo: z(f.simulatedCi[0], f),
      hi: z(f.simulatedCi[1], f),
    },
    {
      moment: f.id,
      role: f.heldOut ? "held out" : "fitted",
      kind: "predictive (fresh seeds)",
      z: z(f.predictive, f),
      lo: z(f.predictiveCi[0], f),
      hi: z(f.predictiveCi[1], f),
    },
  ]);
  const spec = {
    $schema: VL_SCHEMA,
    config: chartConfig(),
    title: titleOf(
      "Fit of the moments",
      "(simulated − target) / σ, σ = √(target s.e.² + simulation noise²/R); dots: mean, bars: 90% interval",
    ),
    width: 460,
    height: { step: 22 },
    data: { values: rows },
    layer: [
      {
        data: { values: [{ lo: -1.645, hi: 1.645 }] },
        mark: { type: "rect", color: "#eeeeee" },
        encoding: { x: { field: "lo", type: "quantitative" }, x2: { field: "hi" } },
      },
      {
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          y: { field: "moment", type: "nominal", title: null, sort: fit.map((f) => f.id) },
          yOffset: { field: "kind" },
          x: { field: "lo", type: "quantitative", title: "standardised deviation from the target" },
          x2: { field: "hi" },
          color: { field: "kind", type: "nominal", title: null, scale: { range: ["#0072B2", "#E69F00"] } },
        },
      },
      {
        mark: { type: "point", filled: true, size: 50 },
        encoding: {
          y: { field: "moment", type: "nominal", sort: fit.map((f) => f.id) },
          yOffset: { field: "kind" },
          x: { field: "z", type: "quantitative" },
          color: { field: "kind", type: "nominal" },
          shape: { field: "role", type: "nominal", title: null },
          tooltip: [{ field: "moment" }, { field: "role" }, { field: "kind" }, { field: "z", format: ".2f" }],
        },
      },
    ],
  } as unknown as TopLevelSpec;
  return { id: "2-moment-fit", title: "Fit of the moments", spec };
}

/** The tolerance ε and the median distance by generation (log scale). */
export function scheduleChart(log: readonly ScheduleInput[]): ChartSpec {
  const rows = log.flatMap((g) => [
    ...(Number.isFinite(g.epsilon)
      ? [{ generation: g.generation, series: "tolerance ε", value: g.epsilon }]
      : []),
    { generation: g.generation, series: "median distance", value: g.medianDistance },
  ]);
  const spec = {
    $schema: VL_SCHEMA,
    config: chartConfig(),
    title: titleOf("ABC-SMC schedule", "ε stops at 1, the noise level of the distance"),
    width: 460,
    height: 220,
    data: { values: rows.filter((r) => Number.isFinite(r.value) && r.value > 0) },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "generation", type: "ordinal", title: "generation" },
      y: { field: "value", type: "quantitative", scale: { type: "log" }, title: null },
      color: { field: "series", type: "nominal", title: null, scale: { range: ["#0072B2", "#D55E00"] } },
    },
  } as unknown as TopLevelSpec;
  return { id: "3-schedule", title: "ABC-SMC schedule", spec };
}
