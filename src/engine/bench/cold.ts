import { defaultParams } from "../../model/params.js";
import { simulate } from "../../model/simulate.js";

/**
 * One benchmark process: `node cold.js FIRMS TICKS RUNS` runs the baseline RUNS times (seeds
 * 1 … RUNS) in this fresh process and prints, as one JSON line, each run's wall and CPU seconds
 * and its live firm-ticks. The first run is what a user's one-off `ecosim run` costs (V8 compiles
 * the phases while they run); later ones show how fast the process warms up. `ecosim bench` starts
 * it as a child process, and under valgrind for instruction counts.
 */
export interface ProcessRun {
  seconds: number;
  cpuSeconds: number;
  firmTicks: number;
}

export function runInThisProcess(firms: number, ticks: number, runs: number): ProcessRun[] {
  const out: ProcessRun[] = [];
  for (let r = 0; r < runs; r++) {
    const params = { ...defaultParams(), firms, ticks };
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = simulate(params, r + 1);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    let firmTicks = 0;
    for (const n of result.series.firms) firmTicks += n;
    out.push({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, firmTicks });
  }
  return out;
}

const [, script, ...args] = process.argv;
if (script?.endsWith("cold.js") && args.length === 3) {
  const [firms, ticks, runs] = args.map(Number);
  process.stdout.write(`${JSON.stringify(runInThisProcess(firms, ticks, runs))}\n`);
}
