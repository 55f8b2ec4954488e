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

/** One CSV field (RFC 4180 quoting where needed; text that a spreadsheet would run defused). */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (typeof value === "number") return formatNumber(value);
  if (value === null || value === undefined) return "";
  return csvText(String(value));
}

/** Text a spreadsheet reads as a formula: = + - @, tab, carriage return (and full-width = + - @). */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
/** Numbers written as text, which stay as they are (-0.5, -inf as pandas and R read it). */
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$|^[+-]?inf$/i;

/**
 * A CSV field of text: quoted where RFC 4180 needs it, and a cell a spreadsheet would evaluate
 * (a scenario named `=HYPERLINK(…)` or `@SUM(…)`) prefixed with ' and quoted, as OWASP's CSV
 * injection advice says, so that it shows as the text it is.
 */
export function csvText(s: string): string {
  if (FORMULA_START.test(s) && !NUMBER_TEXT.test(s)) return `"'${s.replaceAll('"', '""')}"`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\n`;
}
