import type { Interval } from "../analysis/bootstrap.js";
import type { RatioInterval } from "../analysis/ratio.js";
import type { Translate } from "./i18n/index.js";

/** A number with about three significant digits, grouped; "–" for a missing value. */
export function fmt(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs >= 1e6 || abs < 1e-3) return x.toPrecision(digits).replace(/\.?0+e/, "e");
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return x.toLocaleString("en-US", { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
}

/** `fmt` with a true minus sign (U+2212), for the report's tables. */
export function fmtN(x: number | null | undefined, digits = 3): string {
  return fmt(x, digits).replace(/^-/, "−");
}

/** "12.3 [−8.1, 16.5]" with true minus signs and a trailing * when `star` is set. */
export function fmtCI(i: Interval, star?: boolean): string {
  return `${fmtN(i.estimate)} [${fmtN(i.lo)}, ${fmtN(i.hi)}]${star ? "*" : ""}`;
}

/**
 * "12.3 [8.1, 16.5]" with a trailing * when `star` is set (the caller decides what a star means:
 * in a comparison, a discovery after the false-discovery-rate correction).
 */
export function fmtInterval(i: Interval, star?: boolean): string {
  return `${fmt(i.estimate)} [${fmt(i.lo)}, ${fmt(i.hi)}]${star ? "*" : ""}`;
}

/** "+12%" with its sign; "–" for a missing value. */
export function fmtPercent(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const p = x * 100;
  return `${p >= 0 ? "+" : ""}${fmt(p, 2)}%`;
}

/** "+12%" / "−3.1%" with a true minus sign, for the decision summary. */
export function fmtSignedPercent(x: number): string {
  if (!Number.isFinite(x)) return "–";
  return `${fmtSigned(x * 100, 2)}%`;
}

/** A signed number, "+1.2" / "−0.5" (a true minus sign). */
export function fmtSigned(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return "–";
  return x > 0 ? `+${fmt(x, digits)}` : x < 0 ? `−${fmt(-x, digits)}` : "0";
}

/** True for a Fieller set that is a finite interval. */
export function isBoundedRatio(r: RatioInterval): boolean {
  return r.bounded && r.kind === "bounded" && Number.isFinite(r.lo) && Number.isFinite(r.hi);
}

/**
 * A Fieller confidence set on one line: "12.3 [8.1, 16.5]" when bounded; otherwise the word
 * "unbounded" and what the set is ("≥ 8.1", "any value", "≤ −2 or ≥ 8.1") with the point
 * estimate after it, never a finite interval across the pole.
 */
export function fmtRatio(r: RatioInterval, t: Translate): string {
  if (isBoundedRatio(r)) return `${fmtN(r.estimate)} [${fmtN(r.lo)}, ${fmtN(r.hi)}]`;
  return t("ratio.unboundedLine", { set: ratioSetText(r, t), estimate: fmtN(r.estimate) });
}

/** The set alone: "[lo, hi]" when bounded, else "≥ x", "≤ x", "≤ a or ≥ b" or "any value". */
export function ratioSetText(r: RatioInterval, t: Translate): string {
  if (isBoundedRatio(r)) return `[${fmtN(r.lo)}, ${fmtN(r.hi)}]`;
  if (r.kind === "exclusive" && r.excluded) {
    return t("ratio.either", { a: fmtN(r.excluded[0]), b: fmtN(r.excluded[1]) });
  }
  if (Number.isFinite(r.lo)) return t("ratio.atLeast", { x: fmtN(r.lo) });
  if (Number.isFinite(r.hi)) return t("ratio.atMost", { x: fmtN(r.hi) });
  return t("ratio.anyValue");
}
