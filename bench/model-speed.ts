/**
 * Model throughput of simulate() (no checkBooks, no recordFirms): firm-ticks per second at 1e4
 * firms × 100 ticks and at 1e6 firms × 40 ticks, bytes of state per firm, the process's peak RSS.
 * Medians of `--reps` runs (default 3) after a warm-up. Rates per CPU second of this process (the
 * model runs on one core; on a shared machine wall time also counts other processes) and per wall
 * second. Usage: npx tsx bench/model-speed.ts [--quick] [--reps N] [--big FIRMS] [--big-ticks T]
 * (--quick skips the large run).
 */
import { defaultParams, simulate } from "../src/model/index.js";

interface Run {
  cpuRate: number;
  wallRate: number;
  cpuSeconds: number;
  wallSeconds: number;
  bytes: number;
}

function run(firms: number, ticks: number, seed: number): Run {
  const p = defaultParams();
  p.firms = firms;
  p.ticks = ticks;
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const r = simulate(p, seed);
  const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  const cpuSeconds = (c.user + c.system) / 1e6;
  const firmTicks = r.series.firms.reduce((a, b) => a + b, 0);
  return {
    cpuRate: firmTicks / cpuSeconds,
    wallRate: firmTicks / wallSeconds,
    cpuSeconds,
    wallSeconds,
    bytes: r.stateBytesPerFirm,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function report(label: string, runs: Run[]): number {
  const cpu = median(runs.map((r) => r.cpuRate));
  const wall = median(runs.map((r) => r.wallRate));
  const all = runs.map((r) => (r.cpuRate / 1e6).toFixed(2)).join(", ");
  console.log(
    `${label}: ${(cpu / 1e6).toFixed(2)} M firm-ticks/CPU-s (runs: ${all}), ${(wall / 1e6).toFixed(2)} M firm-ticks/wall-s, ` +
      `${median(runs.map((r) => r.cpuSeconds)).toFixed(2)} CPU-s per run`,
  );
  return cpu;
}

const args = process.argv.slice(2);
const opt = (name: string, def: number): number => {
  const k = args.indexOf(name);
  return k >= 0 ? Number(args[k + 1]) : def;
};
const reps = opt("--reps", 3);
const bigFirms = opt("--big", 1_000_000);
const bigTicks = opt("--big-ticks", 40);

run(10_000, 100, 0); // warm-up (JIT): a full-length run, so that every code path is optimised
const small: Run[] = [];
for (let k = 0; k < reps; k++) small.push(run(10_000, 100, 1 + k));
const smallRate = report("1e4 firms x 100 ticks", small);
console.log(`state: ${small[0].bytes} B/firm`);
if (!args.includes("--quick")) {
  const big: Run[] = [];
  for (let k = 0; k < reps; k++) big.push(run(bigFirms, bigTicks, 100 + k));
  const bigRate = report(`${bigFirms} firms x ${bigTicks} ticks`, big);
  console.log(`cost per firm-tick at ${bigFirms} vs 1e4: ${(smallRate / bigRate).toFixed(2)}x`);
}
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GiB`);
