import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead } from "hyparquet";
import type { ModelParams } from "../../model/params.js";
import { type Design, planJobs, type ResolvedScenario, scenarioHash } from "../../scenario/index.js";
import { SERIES_COLUMNS } from "../columns.js";
import { scanLines } from "../lines.js";
import { type Manifest, readManifest } from "../manifest.js";
import { ResultStore, slotOf } from "../store.js";
import { pointColumnsOf } from "../sweep.js";
import type { RunRecord, SweepPlan } from "../types.js";

/**
 * `ecosim merge`: the results directories of a sharded sweep (`--shard K/N`, one per part)
 * become one results directory, the same files as the sweep run whole on one machine. Before
 * anything is written it checks that every part is a finished sweep of the same scenario, design,
 * seeds and ecosim version, and that every job of the plan is present exactly once; a missing
 * or duplicated job is named in the error. The merged directory is written by the engine's own
 * ResultStore (records and per-tick series appended, then finalized), so its files are those of
 * a local sweep byte for byte.
 */

/** Parts that cannot be merged (exit code 2): the message says which and why. */
export class MergeError extends Error {
  readonly exitCode = 2;
}

export interface MergeOptions {
  parts: string[];
  out: string;
}

export interface MergeOutcome {
  parts: number;
  jobs: number;
  failed: number;
  files: string[];
}

interface Part {
  dir: string;
  manifest: Manifest;
  shard: string | null;
}

/** The names shown for at most this many jobs in an error. */
const SHOWN = 10;
const TICK_CHUNK = 50_000;

export async function mergeParts(options: MergeOptions): Promise<MergeOutcome> {
  if (options.parts.length === 0) throw new MergeError("name the parts to merge (results directories)");
  const out = resolve(options.out);
  const parts = options.parts.map((dir) => readPart(dir));
  for (const p of parts) {
    if (resolve(p.dir) === out)
      throw new MergeError(`--out ${options.out} is one of the parts; choose another`);
  }
  checkSameSweep(parts);
  const plan = planOf(parts[0]);
  checkCoverage(parts, plan);

  const m0 = parts[0].manifest;
  const store = ResultStore.open({
    dir: options.out,
    plan,
    resume: false,
    describe: {
      scenario: m0.scenario,
      design: m0.design,
      seeds: m0.seeds,
      extra: {
        mergedFrom: parts.map((p) => ({ dir: p.dir, shard: p.shard, jobs: p.manifest.plan.count })),
      },
    },
  });
  let jobs = 0;
  let failed = 0;
  try {
    for (const part of parts) {
      const n = await copyPart(part, store);
      jobs += n.jobs;
      failed += n.failed;
    }
    const files = await store.finalize(pointColumnsOf(plan));
    return { parts: parts.length, jobs, failed, files };
  } finally {
    store.close();
  }
}

function readPart(dir: string): Part {
  if (!existsSync(dir)) throw new MergeError(`${dir}: no such directory`);
  let manifest: Manifest | null;
  try {
    manifest = readManifest(dir);
  } catch (err) {
    throw new MergeError(`${dir}/manifest.json cannot be read: ${(err as Error).message}`);
  }
  if (!manifest) throw new MergeError(`${dir} is not an ecosim results directory (no manifest.json)`);
  if (manifest.kind !== "sweep") throw new MergeError(`${dir} holds a single run, not a sweep part`);
  if (manifest.status !== "complete") {
    throw new MergeError(
      `${dir} is not finished (status ${manifest.status}): complete it with its \`ecosim sweep … --resume\` first`,
    );
  }
  const shard = (manifest.extra as { shard?: { k?: unknown; n?: unknown } } | undefined)?.shard;
  return {
    dir,
    manifest,
    shard:
      shard && typeof shard.k === "number" && typeof shard.n === "number" ? `${shard.k}/${shard.n}` : null,
  };
}

function checkSameSweep(parts: Part[]): void {
  const first = parts[0];
  const differ = (what: string, value: (p: Part) => string) => {
    const v0 = value(first);
    const odd = parts.filter((p) => value(p) !== v0);
    if (odd.length === 0) return;
    throw new MergeError(
      `the parts come from different ${what}: ${first.dir} has ${v0}, ` +
        odd
          .slice(0, SHOWN)
          .map((p) => `${p.dir} has ${value(p)}`)
          .join(", ") +
        "; only parts of one sweep can be merged",
    );
  };
  differ("scenarios", (p) => `scenario hash ${p.manifest.scenarioHash}`);
  differ("ecosim versions", (p) => `ecosim ${p.manifest.versions?.ecosim}`);
  differ("seedings", (p) => `seeds ${JSON.stringify((p.manifest.seeds as { rule?: unknown })?.rule)}`);
  differ("plans", (p) => `${p.manifest.plan.points} points × ${p.manifest.plan.replications} replications`);
}

/** The whole sweep's plan, rebuilt from a part's manifest (and checked against its hash). */
function planOf(part: Part): SweepPlan {
  const m = part.manifest;
  const scenario = m.scenario as { name?: unknown; params?: unknown; file?: unknown } | null;
  const seeds = m.seeds as { base?: unknown; replications?: unknown; commonRandomNumbers?: unknown } | null;
  if (
    !scenario?.params ||
    !m.design ||
    typeof seeds?.base !== "number" ||
    typeof seeds.replications !== "number"
  ) {
    throw new MergeError(`${part.dir}/manifest.json does not describe its scenario, design and seeds`);
  }
  const params = scenario.params as ModelParams;
  const design = m.design as Design;
  const hash = scenarioHash(params, design, seeds.base);
  if (hash !== m.scenarioHash) {
    throw new MergeError(`${part.dir}/manifest.json is inconsistent: its scenario does not match its hash`);
  }
  const resolved: ResolvedScenario = {
    file: String(scenario.file ?? ""),
    name: String(scenario.name ?? ""),
    chain: [],
    seed: seeds.base,
    replications: seeds.replications,
    design,
    // A manifest from before common random numbers across points lacks the key: per-point seeds.
    commonRandomNumbers: seeds.commonRandomNumbers === true,
    params,
    input: null,
    hash,
  };
  const plan = planJobs(resolved);
  if (plan.points !== m.plan.points || plan.replications !== m.plan.replications) {
    throw new MergeError(`${part.dir}/manifest.json is inconsistent: its plan does not match its design`);
  }
  return plan;
}

function parseLine(line: Buffer, where: string): RunRecord {
  let r: RunRecord;
  try {
    r = JSON.parse(line.toString("utf8")) as RunRecord;
  } catch {
    throw new MergeError(`${where} is not a run record`);
  }
  if (typeof r?.id !== "string" || !Number.isInteger(r.pointIndex) || !Number.isInteger(r.replication))
    throw new MergeError(`${where} is not a run record`);
  return r;
}

/** Every job of the plan must be in exactly one part; names the missing and duplicated ones. */
function checkCoverage(parts: Part[], plan: SweepPlan): void {
  const slots = plan.points * plan.replications;
  const owner = new Int32Array(slots).fill(-1);
  const duplicates: string[] = [];
  let duplicateCount = 0;
  parts.forEach((part, i) => {
    const path = join(part.dir, "runs.jsonl");
    if (!existsSync(path)) throw new MergeError(`${part.dir} has no runs.jsonl`);
    let n = 0;
    scanLines(path, (line) => {
      n++;
      const where = `${path} line ${n}`;
      const r = parseLine(line, where);
      const slot = slotOf(plan, r);
      const planned =
        slot >= 0 && slot < slots && r.replication < plan.replications ? plan.jobAt(slot) : null;
      if (!planned || planned.id !== r.id || planned.seed !== r.seed)
        throw new MergeError(`${where}: job ${r.id} is not a job of this sweep's plan`);
      if (owner[slot] >= 0) {
        duplicateCount++;
        if (duplicates.length < SHOWN)
          duplicates.push(`${r.id} (in ${parts[owner[slot]].dir} and ${part.dir})`);
      } else owner[slot] = i;
    });
  });
  const missing: string[] = [];
  let missingCount = 0;
  for (let s = 0; s < slots; s++) {
    if (owner[s] >= 0) continue;
    missingCount++;
    if (missing.length < SHOWN) missing.push(plan.jobAt(s).id);
  }
  if (missingCount === 0 && duplicateCount === 0) return;
  const problems: string[] = [];
  if (missingCount > 0) {
    problems.push(
      `${missingCount} of ${slots} jobs are missing: ${missing.join(", ")}${missingCount > SHOWN ? ", …" : ""}` +
        missingShards(parts),
    );
  }
  if (duplicateCount > 0) {
    problems.push(
      `${duplicateCount} jobs appear more than once: ${duplicates.join(", ")}${duplicateCount > SHOWN ? ", …" : ""}` +
        " (a part given twice, or parts of different shardings?)",
    );
  }
  throw new MergeError(`cannot merge ${parts.length} parts: ${problems.join("; ")}`);
}

/** "(shards 3/4 were not given)" when the parts say which shards of how many they are. */
function missingShards(parts: Part[]): string {
  const shards = parts.map((p) => p.shard);
  if (shards.some((s) => s === null)) return "";
  const n = Number(shards[0]?.split("/")[1]);
  if (!shards.every((s) => Number(s?.split("/")[1]) === n)) return "";
  const have = new Set(shards.map((s) => Number(s?.split("/")[0])));
  const absent: string[] = [];
  for (let k = 1; k <= n; k++) if (!have.has(k)) absent.push(`${k}/${n}`);
  return absent.length > 0 ? ` (shard${absent.length > 1 ? "s" : ""} ${absent.join(", ")} not given)` : "";
}

interface TickRun {
  id: string;
  ticks: number;
  series: Float64Array;
}

/** The per-tick series of a part's ticks.parquet, one job at a time, in file order. */
async function* tickRuns(path: string): AsyncGenerator<TickRun> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const names = new Set(metadata.schema.map((s) => s.name));
  const lacking = ["id", "tick", ...SERIES_COLUMNS].filter((c) => !names.has(c));
  if (lacking.length > 0)
    throw new MergeError(
      `${path} lacks the columns ${lacking.slice(0, 5).join(", ")} (another ecosim version?)`,
    );
  const columns = ["id", "tick", ...SERIES_COLUMNS];
  const cols = SERIES_COLUMNS.length;
  const total = Number(metadata.num_rows);
  let id: string | null = null;
  let rows: unknown[][] = [];
  const finish = (): TickRun => {
    const series = new Float64Array(rows.length * cols);
    rows.forEach((row, t) => {
      if (Number(row[1]) !== t) throw new MergeError(`${path}: the ticks of ${id} are out of order`);
      for (let c = 0; c < cols; c++) series[t * cols + c] = Number(row[2 + c]);
    });
    return { id: id as string, ticks: rows.length, series };
  };
  for (let start = 0; start < total; start += TICK_CHUNK) {
    let chunk: unknown[][] = [];
    await parquetRead({
      file,
      metadata,
      columns,
      rowStart: start,
      rowEnd: Math.min(total, start + TICK_CHUNK),
      onComplete: (r: unknown[][]) => {
        chunk = r;
      },
    });
    for (const row of chunk) {
      if (row[0] !== id) {
        if (id !== null) yield finish();
        id = String(row[0]);
        rows = [];
      }
      rows.push(row);
    }
  }
  if (id !== null) yield finish();
}

async function copyPart(part: Part, store: ResultStore): Promise<{ jobs: number; failed: number }> {
  const ticksPath = join(part.dir, "ticks.parquet");
  if (!existsSync(ticksPath)) throw new MergeError(`${part.dir} has no ticks.parquet`);
  const records: RunRecord[] = [];
  let n = 0;
  scanLines(join(part.dir, "runs.jsonl"), (line) => {
    n++;
    records.push(parseLine(line, `${part.dir}/runs.jsonl line ${n}`));
  });
  const ticks = tickRuns(ticksPath);
  let failed = 0;
  for (const record of records) {
    if (record.status !== "ok") {
      failed++;
      store.append(record, null);
      continue;
    }
    const next = await ticks.next();
    if (next.done || next.value.id !== record.id)
      throw new MergeError(`${ticksPath} does not match its runs.jsonl at job ${record.id}`);
    store.append(record, { summary: record.summary!, ticks: next.value.ticks, series: next.value.series });
  }
  if (!(await ticks.next()).done)
    throw new MergeError(`${ticksPath} holds jobs that its runs.jsonl does not`);
  return { jobs: records.length, failed };
}
