import { closeSync, fsyncSync, openSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { SchemaElement } from "hyparquet";
import { fileWriter, ParquetWriter } from "hyparquet-writer";
import { SERIES_COLUMNS } from "./columns.js";
import { csvRow } from "./format.js";
import { SUMMARY_KEYS } from "./summary.js";
import type { RunRecord } from "./types.js";

/**
 * The tables written when a sweep completes: runs.csv and runs.parquet (one row per job:
 * identity, design point, status, every summary value) and ticks.parquet (one row per job and
 * tick: identity, tick, every per-tick column). Rows come from iterators in job order and are
 * written a row group at a time, so memory stays flat however many jobs there are.
 */

export interface PointColumn {
  key: string;
  type: "number" | "boolean";
}

export interface TickRows {
  id: string;
  pointIndex: number;
  replication: number;
  ticks: number;
  /** ticks × SERIES_COLUMNS.length values, tick-major */
  series: Float64Array;
}

export interface TableSource {
  pointColumns: readonly PointColumn[];
  runs(): Iterable<RunRecord>;
  ticks(): Iterable<TickRows>;
}

export const RUN_ROW_GROUP = 10_000;
export const TICK_ROW_GROUP = 50_000;

/** Column names of runs.csv / runs.parquet. */
export function runColumns(pointColumns: readonly PointColumn[]): string[] {
  return [
    "id",
    "pointIndex",
    "replication",
    "seed",
    ...pointColumns.map((p) => `point.${p.key}`),
    "status",
    "attempts",
    "error",
    ...SUMMARY_KEYS,
  ];
}

/** Writes runs.csv, runs.parquet and ticks.parquet into `dir` (each via a temp file and rename). */
export async function writeTables(dir: string, source: TableSource): Promise<string[]> {
  await writeRunTables(dir, source);
  await writeTicksParquet(dir, source);
  return ["runs.csv", "runs.parquet", "ticks.parquet"];
}

function leaf(name: string, type: SchemaElement["type"], required: boolean, utf8 = false): SchemaElement {
  return {
    name,
    type,
    repetition_type: required ? "REQUIRED" : "OPTIONAL",
    ...(utf8 ? { converted_type: "UTF8" as const } : {}),
  };
}

function schema(leaves: SchemaElement[]): SchemaElement[] {
  return [{ name: "root", num_children: leaves.length }, ...leaves];
}

async function writeRunTables(dir: string, source: TableSource): Promise<void> {
  const { pointColumns } = source;
  const names = runColumns(pointColumns);
  const leaves: SchemaElement[] = [
    leaf("id", "BYTE_ARRAY", true, true),
    leaf("pointIndex", "INT32", true),
    leaf("replication", "INT32", true),
    leaf("seed", "INT64", true),
    ...pointColumns.map((p) => leaf(`point.${p.key}`, p.type === "boolean" ? "BOOLEAN" : "DOUBLE", false)),
    leaf("status", "BYTE_ARRAY", true, true),
    leaf("attempts", "INT32", true),
    leaf("error", "BYTE_ARRAY", false, true),
    ...SUMMARY_KEYS.map((k) => leaf(k, "DOUBLE", false)),
  ];
  const csvTmp = join(dir, ".runs.csv.tmp");
  const pqTmp = join(dir, ".runs.parquet.tmp");
  const csv = openSync(csvTmp, "w");
  const writer = new ParquetWriter({
    writer: fileWriter(pqTmp),
    schema: schema(leaves),
    createdBy: "ecosim",
  });
  try {
    writeSync(csv, csvRow(names));
    let columns: unknown[][] = names.map(() => []);
    let rows = 0;
    const flush = async () => {
      if (rows === 0) return;
      await writer.write({
        columnData: names.map((name, i) => ({ name, data: columns[i] as never })),
        rowGroupSize: rows,
      });
      columns = names.map(() => []);
      rows = 0;
    };
    let csvBuffer = "";
    for (const r of source.runs()) {
      const values: (string | number | boolean | bigint | null)[] = [
        r.id,
        r.pointIndex,
        r.replication,
        BigInt(r.seed),
        ...pointColumns.map((p) => r.point[p.key] ?? null),
        r.status,
        r.attempts,
        r.error,
        ...SUMMARY_KEYS.map((k) => r.summary?.[k] ?? null),
      ];
      for (let i = 0; i < values.length; i++) columns[i].push(values[i]);
      csvBuffer += csvRow(values.map((v) => (typeof v === "bigint" ? Number(v) : v)));
      if (csvBuffer.length > 1 << 20) {
        writeSync(csv, csvBuffer);
        csvBuffer = "";
      }
      if (++rows >= RUN_ROW_GROUP) await flush();
    }
    writeSync(csv, csvBuffer);
    await flush();
    await writer.finish();
    fsyncSync(csv);
  } finally {
    closeSync(csv);
  }
  renameSync(csvTmp, join(dir, "runs.csv"));
  renameSync(pqTmp, join(dir, "runs.parquet"));
}

async function writeTicksParquet(dir: string, source: TableSource): Promise<void> {
  const leaves: SchemaElement[] = [
    leaf("id", "BYTE_ARRAY", true, true),
    leaf("pointIndex", "INT32", true),
    leaf("replication", "INT32", true),
    leaf("tick", "INT32", true),
    ...SERIES_COLUMNS.map((c) => leaf(c, "DOUBLE", true)),
  ];
  const tmp = join(dir, ".ticks.parquet.tmp");
  const writer = new ParquetWriter({ writer: fileWriter(tmp), schema: schema(leaves), createdBy: "ecosim" });
  const cols = SERIES_COLUMNS.length;
  let ids: string[] = [];
  let points = new Int32Array(TICK_ROW_GROUP);
  let reps = new Int32Array(TICK_ROW_GROUP);
  let ticks = new Int32Array(TICK_ROW_GROUP);
  let values = SERIES_COLUMNS.map(() => new Float64Array(TICK_ROW_GROUP));
  let rows = 0;
  const grow = (need: number) => {
    if (need <= points.length) return;
    const size = Math.max(need, points.length * 2);
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    points = g32(points);
    reps = g32(reps);
    ticks = g32(ticks);
    values = values.map((a) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    });
  };
  const flush = async () => {
    if (rows === 0) return;
    await writer.write({
      columnData: [
        { name: "id", data: ids },
        { name: "pointIndex", data: points.subarray(0, rows) },
        { name: "replication", data: reps.subarray(0, rows) },
        { name: "tick", data: ticks.subarray(0, rows) },
        ...SERIES_COLUMNS.map((name, c) => ({ name, data: values[c].subarray(0, rows) })),
      ],
      rowGroupSize: rows,
    });
    ids = [];
    rows = 0;
  };
  for (const run of source.ticks()) {
    if (run.series.length !== run.ticks * cols) throw new Error(`series of ${run.id} has the wrong shape`);
    grow(rows + run.ticks);
    for (let t = 0; t < run.ticks; t++) {
      const row = rows + t;
      ids.push(run.id);
      points[row] = run.pointIndex;
      reps[row] = run.replication;
      ticks[row] = t;
      for (let c = 0; c < cols; c++) values[c][row] = run.series[t * cols + c];
    }
    rows += run.ticks;
    if (rows >= TICK_ROW_GROUP) await flush();
  }
  await flush();
  await writer.finish();
  renameSync(tmp, join(dir, "ticks.parquet"));
}
