/**
 * Deterministic text for numbers and CSV fields: the same value always prints the same way
 * (shortest round-trip decimal, -0 as 0, missing as an empty field).
 */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "";
  if (x === 0) return "0";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  return String(x);
}

/** One CSV field (RFC 4180 quoting where needed). */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (typeof value === "number") return formatNumber(value);
  if (value === null || value === undefined) return "";
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\n`;
}
