import { closeSync, fsyncSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { INSTRUMENT_NAMES } from "../model/params.js";
import { EXIT_CAUSES, type FirmRecords, type RunResult, TICK_METRICS } from "../model/types.js";
import { swapIntoPlace, tempSiblingOf } from "./atomicDir.js";
import { SERIES_COLUMNS } from "./columns.js";
import { csvRow, formatNumber } from "./format.js";
import { makeDirs } from "./makeDirs.js";
import { writeJsonAtomic } from "./manifest.js";
import { checkOutputDir, type OutputDirOptions } from "./outputDir.js";

/**
 * The files of one run (`ecosim run`): manifest.json, ticks.csv (every metric and the spending
 * per instrument, one row per tick) and firms.csv (end-of-run firm records). They are written
 * into a temporary directory next to the target and renamed into place at the end, so the
 * target is never half-written. Everything but manifest.json is byte-identical for a seed.
 */

/** firms.csv columns, in order (exitCause is written by name). */
export const FIRM_CSV_COLUMNS = [
  "id",
  "kind",
  "origin",
  "entryTick",
  "exitTick",
  "exitCause",
  "employees",
  "employeesYearAgo",
  "sales",
  "rdSpending",
  "rdStaff",
  "productivity",
  "quality",
  "netWorth",
  "tier",
  "patents",
  "innovations",
  "rdQuarters",
  "cooperated",
  "vcRounds",
  "grantsReceived",
  "guaranteedBorrowing",
  "policyBorrowing",
] as const satisfies readonly (keyof FirmRecords)[];

/**
 * Writes the run's files into `target`: into a temporary sibling first, which replaces `target`
 * only once complete. `target` must be absent, an empty folder or an earlier `run` result
 * (checkOutputDir, again here in case something appeared while the model ran); anything else is
 * refused with OutputDirError unless `force`. An earlier result is moved aside and deleted only
 * after the new one is in place (moved back if that fails).
 */
export function writeRunDirectory(
  target: string,
  result: RunResult,
  manifest: unknown,
  options: OutputDirOptions = {},
): string[] {
  makeDirs(dirname(target));
  const tmp = tempSiblingOf(target);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    // sections indented, each scenario's parameters on one line ("policyStartQuarter":40)
    writeJsonAtomic(join(tmp, "manifest.json"), manifest, 2);
    writeTicksCsv(join(tmp, "ticks.csv"), result);
    const files = ["manifest.json", "ticks.csv"];
    if (result.firms) {
      writeFirmsCsv(join(tmp, "firms.csv"), result.firms);
      files.push("firms.csv");
    }
    checkOutputDir(target, "run", options);
    swapIntoPlace(tmp, target);
    return files;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** Buffered writes to a file, fsynced on close. */
class TextFile {
  private readonly fd: number;
  private buffer = "";
  constructor(path: string) {
    this.fd = openSync(path, "w");
  }
  write(s: string): void {
    this.buffer += s;
    if (this.buffer.length > 1 << 20) this.flush();
  }
  private flush(): void {
    if (this.buffer) writeSync(this.fd, this.buffer);
    this.buffer = "";
  }
  close(): void {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
  }
}

export function writeTicksCsv(path: string, result: RunResult): void {
  const out = new TextFile(path);
  try {
    out.write(csvRow(["tick", ...SERIES_COLUMNS]));
    const columns = [
      ...TICK_METRICS.map((m) => result.series[m.name]),
      ...INSTRUMENT_NAMES.map((name) => result.spending[name]),
    ];
    for (let t = 0; t < result.ticks; t++) {
      let line = String(t);
      for (const c of columns) line += `,${formatNumber(c[t])}`;
      out.write(`${line}\n`);
    }
  } finally {
    out.close();
  }
}

export function writeFirmsCsv(path: string, firms: FirmRecords): void {
  const out = new TextFile(path);
  try {
    out.write(csvRow(FIRM_CSV_COLUMNS));
    const n = firms.id.length;
    for (let i = 0; i < n; i++) {
      let line = "";
      for (let c = 0; c < FIRM_CSV_COLUMNS.length; c++) {
        const key = FIRM_CSV_COLUMNS[c];
        const v = firms[key][i];
        const cell = key === "exitCause" ? (EXIT_CAUSES[v] ?? String(v)) : formatNumber(v);
        line += c === 0 ? cell : `,${cell}`;
      }
      out.write(`${line}\n`);
    }
  } finally {
    out.close();
  }
}
