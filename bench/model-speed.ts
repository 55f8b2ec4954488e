/**
 * Model throughput: firm-ticks per second at 1e4 firms × 100 ticks and at a large size, bytes of
 * state per firm, and the process's peak RSS. Usage: npx tsx bench/model-speed.ts [bigFirms] [bigTicks]
 */
import { defaultParams, simulate } from "../src/model/index.js";

function run(firms: number, ticks: number, seed: number): { rate: number; seconds: number; bytes: number } {
  const p = defaultParams();
  p.firms = firms;
  p.ticks = ticks;
  const t0 = process.hrtime.bigint();
  const r = simulate(p, seed);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const firmTicks = r.series.firms.reduce((a, b) => a + b, 0);
  return { rate: firmTicks / seconds, seconds, bytes: r.stateBytesPerFirm };
}

const bigFirms = Number(process.argv[2] ?? 1_000_000);
const bigTicks = Number(process.argv[3] ?? 40);
run(10_000, 20, 0); // warm-up (JIT)
const small = run(10_000, 100, 1);
console.log(`1e4 firms x 100 ticks: ${(small.rate / 1e6).toFixed(2)} M firm-ticks/s (${small.seconds.toFixed(2)} s), ${small.bytes} B/firm`);
const big = run(bigFirms, bigTicks, 2);
console.log(
  `${bigFirms} firms x ${bigTicks} ticks: ${(big.rate / 1e6).toFixed(2)} M firm-ticks/s (${big.seconds.toFixed(1)} s), cost ratio vs 1e4: ${(small.rate / big.rate).toFixed(2)}`,
);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GiB`);
