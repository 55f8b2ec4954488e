import type { InstrumentName } from "../model/params.js";

/**
 * Colour-blind-safe palettes. Okabe & Ito (2008) for up to 8 categories; beyond that Paul Tol's
 * "muted" scheme (9 colours distinguishable under the common colour-vision deficiencies), with
 * the first category (the baseline) in black. Tol's "light" scheme extends it past 10.
 */
export const OKABE_ITO = [
  "#000000",
  "#E69F00",
  "#56B4E9",
  "#009E73",
  "#0072B2",
  "#D55E00",
  "#CC79A7",
  "#F0E442",
];
export const TOL_MUTED = [
  "#332288",
  "#88CCEE",
  "#44AA99",
  "#117733",
  "#999933",
  "#DDCC77",
  "#CC6677",
  "#882255",
  "#AA4499",
];
export const TOL_LIGHT = [
  "#77AADD",
  "#99DDFF",
  "#44BB99",
  "#BBCC33",
  "#AAAA00",
  "#EEDD88",
  "#EE8866",
  "#FFAABB",
  "#DDDDDD",
];

/** `n` distinct colours, the first black (for the baseline). */
export function categoricalColors(n: number): string[] {
  if (n <= OKABE_ITO.length) return OKABE_ITO.slice(0, n);
  const pool = ["#000000", ...TOL_MUTED, ...TOL_LIGHT];
  return Array.from({ length: n }, (_, i) => pool[i % pool.length]);
}

/** `n` colours without black, for categories with no baseline and no families of their own. */
export function instrumentColors(n: number): string[] {
  const pool = n <= OKABE_ITO.length - 1 ? OKABE_ITO.slice(1) : [...TOL_MUTED, ...TOL_LIGHT];
  return Array.from({ length: n }, (_, i) => pool[i % pool.length]);
}

/** The families of public instruments, in the order charts and legends list them. */
export const INSTRUMENT_FAMILIES = ["grants", "tax", "finance", "equity", "demand", "services"] as const;
export type InstrumentFamily = (typeof INSTRUMENT_FAMILIES)[number];

/**
 * Every instrument's family: the one place that says which instrument is a grant, a tax
 * instrument, debt finance, equity, demand-side or a service/regulation. Charts colour an
 * instrument by its family (one hue per family, shades within it) and list them family by family.
 */
export const INSTRUMENT_FAMILY: Record<InstrumentName, InstrumentFamily> = {
  grants: "grants",
  rdProjectSubsidy: "grants",
  rdWageSubsidy: "grants",
  cooperativeResearch: "grants",
  openChallenges: "grants",
  talentRetention: "grants",
  taxCredit: "tax",
  innovationInvestmentCredit: "tax",
  vcExitPolicy: "tax",
  revolvingFund: "finance",
  loanGuarantee: "finance",
  policyBank: "finance",
  bridgeFinancing: "finance",
  guidanceFund: "equity",
  procurementQuota: "demand",
  serviceCentres: "services",
  ipProtection: "services",
  latePaymentCap: "services",
  regulatoryRelief: "services",
  certification: "services",
};

/**
 * Shades per family, dark to light, each far enough from its neighbours to tell apart in a
 * stacked bar (bars are also outlined in white): greens for grants, oranges for tax, blues for
 * debt finance, purple for equity, red for demand, browns and greys for services.
 */
export const FAMILY_SHADES: Record<InstrumentFamily, readonly string[]> = {
  grants: ["#00441B", "#238B45", "#74C476", "#1D7A6E", "#66C2A4", "#C7E9C0"],
  tax: ["#A63603", "#F16913", "#FDAE6B"],
  finance: ["#08306B", "#2171B5", "#6BAED6", "#C6DBEF"],
  equity: ["#6A3D9A", "#B39DDB"],
  demand: ["#CB181D", "#FC9272"],
  services: ["#4D4D4D", "#8C510A", "#999999", "#D8B365", "#CCCCCC"],
};

/** The family of an instrument (services for a name the map does not know). */
export function familyOf(name: string): InstrumentFamily {
  return (INSTRUMENT_FAMILY as Record<string, InstrumentFamily>)[name] ?? "services";
}

/**
 * The instruments in family order (then in the given order) with a colour each: the family's
 * shades in turn, so up to 20 instruments get distinct colours grouped by hue.
 */
export function instrumentPalette(
  names: readonly string[],
): { name: string; family: InstrumentFamily; color: string }[] {
  const ordered = INSTRUMENT_FAMILIES.flatMap((f) => names.filter((n) => familyOf(n) === f));
  const used = new Map<InstrumentFamily, number>();
  return ordered.map((name) => {
    const family = familyOf(name);
    const k = used.get(family) ?? 0;
    used.set(family, k + 1);
    const shades = FAMILY_SHADES[family];
    return { name, family, color: shades[k % shades.length] };
  });
}

/** Sequential scheme for heatmaps: viridis is perceptually uniform and colour-blind safe. */
export const SEQUENTIAL_SCHEME = "viridis";
