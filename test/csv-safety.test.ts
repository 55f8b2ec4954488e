import { describe, expect, it } from "vitest";
import { csvField, csvRow, csvText } from "../src/engine/format.js";
import { comparisonCsv } from "../src/report/tables.js";
import { syntheticComparisonFile } from "./report-fixtures.js";

/**
 * CSV formula injection (issue #14, repro/csv-formula): a text cell a spreadsheet would run as a
 * formula is written with a leading ' inside quotes (OWASP), numbers stay numbers.
 */

/** The cells of one CSV line (RFC 4180 quotes). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(cell);
      cell = "";
    } else cell += c;
  }
  out.push(cell);
  return out;
}

/** What a spreadsheet would evaluate (OWASP's list; the cell as the spreadsheet reads it). */
const FORMULA = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$|^[+-]?inf$/i;

const HOSTILE = [
  '=HYPERLINK("http://example.invalid/","click")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "+1+2",
  "-2+3+cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
  "＝1+1",
];

describe("CSV cells that would run as formulas", () => {
  it.each(HOSTILE)("%j is written as text", (s) => {
    const field = csvText(s);
    expect(field.startsWith(`"'`)).toBe(true);
    expect(cells(field)).toEqual([`'${s}`]);
    expect(csvField(s)).toBe(field);
  });

  it("plain text, numbers and numbers written as text are unchanged", () => {
    expect(csvText("baseline")).toBe("baseline");
    expect(csvText("a, b")).toBe('"a, b"');
    expect(csvText('say "x"')).toBe('"say ""x"""');
    for (const n of ["-0.5", "-1e-3", "+2", "-inf", "inf", "12"]) expect(csvText(n)).toBe(n);
    expect(csvField(-0.5)).toBe("-0.5");
    expect(csvField(Number.NEGATIVE_INFINITY)).toBe("-inf");
    expect(csvRow(["=1+1", -3, true, null])).toBe(`"'=1+1",-3,true,\n`);
  });

  it("comparison.csv with scenarios named =HYPERLINK(…) and @SUM(…): no cell a spreadsheet would run", () => {
    const file = syntheticComparisonFile([
      '=HYPERLINK("http://example.invalid/","click")',
      "@SUM(1+1)*cmd|' /C calc'!A0",
      "-plain",
    ]);
    const csv = comparisonCsv(file.comparison);
    const lines = csv.trim().split("\n");
    expect(lines.length).toBeGreaterThan(3);
    let names = 0;
    for (const line of lines.slice(1)) {
      for (const cell of cells(line)) {
        expect(FORMULA.test(cell) && !NUMBER.test(cell), `${cell} in ${line}`).toBe(false);
        if (cell.startsWith("'=HYPERLINK") || cell.startsWith("'@SUM")) names++;
      }
    }
    // the names are there, as text
    expect(names).toBeGreaterThan(0);
    expect(csv).toContain('"\'=HYPERLINK(""http://example.invalid/"",""click"")"');
  });
});
