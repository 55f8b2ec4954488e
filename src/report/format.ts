import type { Interval } from "../analysis/bootstrap.js";

/** A number with about three significant digits, grouped; "–" for a missing value. */
export function fmt(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs >= 1e6 || abs < 1e-3) return x.toPrecision(digits).replace(/\.?0+e/, "e");
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return x.toLocaleString("en-US", { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
}

/** "12.3 [8.1, 16.5]" with a trailing * when the interval excludes zero. */
export function fmtInterval(i: Interval, significant?: boolean): string {
  const star = significant ? "*" : "";
  return `${fmt(i.estimate)} [${fmt(i.lo)}, ${fmt(i.hi)}]${star}`;
}

export function fmtPercent(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const p = x * 100;
  return `${p >= 0 ? "+" : ""}${fmt(p, 2)}%`;
}
