import type { TopLevelSpec } from "vega-lite";
import type { Translate } from "../i18n/index.js";
import { categoricalColors, OKABE_ITO } from "../palette.js";
import { type ChartSpec, chartConfig, titleOf, VL_SCHEMA } from "./common.js";

/** One parameter's Morris statistics on one output (μ* with its bootstrap interval). */
export interface MorrisRow {
  output: string;
  parameter: string;
  muStar: number | null;
  muStarLo: number | null;
  muStarHi: number | null;
  mu: number | null;
  sigma: number | null;
}

/** One parameter's Sobol indices on one output, with bootstrap intervals. */
export interface SobolRow {
  output: string;
  parameter: string;
  S1: number | null;
  S1Lo: number | null;
  S1Hi: number | null;
  ST: number | null;
  STLo: number | null;
  STHi: number | null;
}

/**
 * Bars of the sensitivity indices per parameter, one panel per output, with their 95% bootstrap
 * intervals: μ* for Morris, S1 and ST side by side for Sobol. Parameters in each panel in the
 * order of the largest index (μ* or ST) first.
 */
export function sensitivityIndexChart(
  method: "morris" | "sobol",
  rows: readonly (MorrisRow | SobolRow)[],
  t: Translate,
  info: { trajectories?: number; samples?: number } = {},
): ChartSpec {
  const sobol = method === "sobol";
  const values = sobol
    ? (rows as SobolRow[]).flatMap((row) => [
        {
          output: row.output,
          parameter: row.parameter,
          index: "S1",
          value: row.S1,
          lo: row.S1Lo,
          hi: row.S1Hi,
          key: row.ST,
        },
        {
          output: row.output,
          parameter: row.parameter,
          index: "ST",
          value: row.ST,
          lo: row.STLo,
          hi: row.STHi,
          key: row.ST,
        },
      ])
    : (rows as MorrisRow[]).map((row) => ({
        output: row.output,
        parameter: row.parameter,
        index: "μ*",
        value: row.muStar,
        lo: row.muStarLo,
        hi: row.muStarHi,
        key: row.muStar,
      }));
  const title = t(sobol ? "sens.title.sobol" : "sens.title.morris");
  const subtitle = sobol
    ? t("sens.subtitle.sobol", { n: info.samples ?? "?" })
    : t("sens.subtitle.morris", { r: info.trajectories ?? "?" });
  const y = {
    field: "parameter",
    type: "nominal" as const,
    title: null,
    axis: { labelLimit: 260 },
  };
  const layer = [
    ...(sobol
      ? [{ mark: { type: "rule", color: "#888", strokeDash: [4, 3] }, encoding: { x: { datum: 0 } } }]
      : []),
    {
      mark: { type: "bar" },
      encoding: {
        y,
        ...(sobol ? { yOffset: { field: "index", type: "nominal", sort: ["S1", "ST"] } } : {}),
        x: { field: "value", type: "quantitative", title: t(sobol ? "sens.axis.index" : "sens.axis.muStar") },
        color: {
          field: "index",
          type: "nominal",
          title: t("sens.legend.index"),
          scale: {
            domain: sobol ? ["S1", "ST"] : ["μ*"],
            range: sobol ? [OKABE_ITO[2], OKABE_ITO[4]] : [OKABE_ITO[4]],
          },
        },
        tooltip: [
          { field: "parameter", title: t("sens.col.parameter") },
          { field: "index", title: t("sens.legend.index") },
          { field: "value", format: ".3~g" },
          { field: "lo", format: ".3~g" },
          { field: "hi", format: ".3~g" },
        ],
      },
    },
    {
      mark: { type: "rule", color: "#222" },
      encoding: {
        y,
        ...(sobol ? { yOffset: { field: "index", type: "nominal", sort: ["S1", "ST"] } } : {}),
        x: { field: "lo", type: "quantitative" },
        x2: { field: "hi" },
      },
    },
  ];
  // one panel per output, each with its own data, so each ranks its parameters (a facet with
  // independent sorted scales makes vega-lite warn about unioned domains)
  const outputs = [...new Set(values.map((v) => v.output))];
  const rankedParameters = (output: string) =>
    [
      ...new Map(
        values
          .filter((v) => v.output === output)
          .map((v) => [v.parameter, v.key ?? Number.NEGATIVE_INFINITY]),
      ),
    ]
      .sort((a, b) => b[1] - a[1])
      .map(([p]) => p);
  const spec = {
    $schema: VL_SCHEMA,
    title: titleOf(title, subtitle),
    config: chartConfig(t),
    vconcat: outputs.map((output) => ({
      title: { text: output, fontSize: 12, anchor: "start" },
      data: { values: values.filter((v) => v.output === output) },
      width: 420,
      height: { step: sobol ? 10 : 16 },
      // the panel's parameters, largest μ* (or ST) first, as an explicit order
      layer: layer.map((l) =>
        "y" in l.encoding
          ? { ...l, encoding: { ...l.encoding, y: { ...y, sort: rankedParameters(output) } } }
          : l,
      ),
    })),
  };
  return { id: `sensitivity-${method}`, title, spec: spec as unknown as TopLevelSpec };
}

/**
 * Morris screening plot: μ* (importance) against σ (non-linearity and interactions), one point
 * per parameter labelled with its name, one panel per output, with the horizontal 95% bootstrap
 * interval of μ* and a dashed σ = μ* line (above it a parameter's effects change sign or size a
 * lot across the space: σ/μ* > 1 in Garcia Sanchez et al. 2014's terms, non-monotonic).
 */
export function morrisScatterChart(rows: readonly MorrisRow[], t: Translate): ChartSpec {
  const ok = rows.filter((r) => r.muStar !== null && r.sigma !== null);
  const outputs = [...new Set(ok.map((r) => r.output))];
  const diagonal = outputs.flatMap((output) => {
    const mine = ok.filter((r) => r.output === output);
    const m = Math.max(...mine.map((r) => Math.max(r.muStarHi ?? 0, r.muStar ?? 0, r.sigma ?? 0)), 0);
    return [
      { output, kind: "diag", muStar: 0, sigma: 0 },
      { output, kind: "diag", muStar: m, sigma: m },
    ];
  });
  // names on the three most influential per panel only (the rest crowd; the legend and the
  // ranked table name them all)
  const top = new Set(
    outputs.flatMap((output) =>
      ok
        .filter((r) => r.output === output)
        .sort((a, b) => (b.muStar ?? 0) - (a.muStar ?? 0))
        .slice(0, 3)
        .map((r) => `${output}|${r.parameter}`),
    ),
  );
  const values = [
    ...ok.map((r) => ({ ...r, kind: "point", top: top.has(`${r.output}|${r.parameter}`) })),
    ...diagonal,
  ];
  const parameters = [...new Set(ok.map((r) => r.parameter))];
  const color = {
    field: "parameter",
    type: "nominal" as const,
    title: t("sens.col.parameter"),
    scale: { domain: parameters, range: categoricalColors(parameters.length + 1).slice(1) },
  };
  const x = {
    field: "muStar",
    type: "quantitative" as const,
    title: t("sens.axis.muStar"),
    scale: { zero: true },
  };
  const yEnc = {
    field: "sigma",
    type: "quantitative" as const,
    title: t("sens.axis.sigma"),
    scale: { zero: true },
  };
  const title = t("sens.scatter.title");
  const spec = {
    $schema: VL_SCHEMA,
    title: titleOf(title, t("sens.scatter.subtitle")),
    config: chartConfig(t),
    data: { values },
    facet: { field: "output", type: "nominal", title: null },
    columns: 2,
    resolve: { scale: { x: "independent", y: "independent" } },
    spec: {
      width: 300,
      height: 240,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'diag'" }],
          mark: { type: "line", color: "#999", strokeDash: [5, 4], clip: true },
          encoding: { x, y: yEnc },
        },
        {
          transform: [{ filter: "datum.kind === 'point' && isValid(datum.muStarLo)" }],
          mark: { type: "rule", opacity: 0.7 },
          encoding: { x: { ...x, field: "muStarLo" }, x2: { field: "muStarHi" }, y: yEnc, color },
        },
        {
          transform: [{ filter: "datum.kind === 'point'" }],
          mark: { type: "point", filled: true, size: 60, opacity: 1 },
          encoding: {
            x,
            y: yEnc,
            color,
            tooltip: [
              { field: "parameter", title: t("sens.col.parameter") },
              { field: "muStar", title: "μ*", format: ".3~g" },
              { field: "muStarLo", format: ".3~g" },
              { field: "muStarHi", format: ".3~g" },
              { field: "sigma", title: "σ", format: ".3~g" },
              { field: "mu", title: "μ", format: ".3~g" },
            ],
          },
        },
        {
          transform: [{ filter: "datum.kind === 'point' && datum.top" }],
          mark: { type: "text", align: "left", dx: 6, dy: -6, fontSize: 10, color: "#333" },
          encoding: { x, y: yEnc, text: { field: "parameter", type: "nominal" } },
        },
      ],
    },
  };
  return { id: "sensitivity-morris-scatter", title, spec: spec as unknown as TopLevelSpec };
}
