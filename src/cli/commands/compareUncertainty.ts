import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  compareWithUncertainty,
  resolveUncertainty,
  type UncertainComparison,
  type UncertaintySpec,
} from "../../analysis/calibration/uncertainty.js";
import { defaultReplications } from "../../analysis/compareWorkflow.js";
import { fmt, fmtPercent } from "../../report/format.js";
import { applyOverrides, loadScenario } from "../../scenario/index.js";

/** What `compare --uncertainty` needs besides the comparison's own request. */
export interface UncertaintyRequest {
  files: string[];
  /** "posterior" (the calibration folder's uncertainties.yaml) or a file. */
  source: string;
  calibrationDir: string;
  /** Parameter draws K; every draw runs on the comparison's R seeds. */
  draws: number;
  /** R: as the comparison's (--replications, else max(the baseline's, 10)). */
  replications?: number;
  ticks?: number;
  firms?: number;
  seed?: number;
  workers?: number;
  out: string;
}

/** Reads the uncertain parameters before any run, so a bad --uncertainty costs nothing. */
export function loadUncertainty(source: string, calibrationDir: string): UncertaintySpec {
  return resolveUncertainty(source, calibrationDir);
}

/**
 * The second part of `compare --uncertainty`: every mix and the baseline on the same K draws of
 * the uncertain parameters and the same R seeds; for each effect the seed-only interval and the
 * seed-and-parameter interval, the probability that the mix beats the baseline across the draws,
 * and how often each mix beats each other one (rank stability). Prints the table and writes
 * uncertainty.json into the comparison's folder.
 */
export async function runUncertaintyComparison(
  req: UncertaintyRequest,
  spec: UncertaintySpec,
  write: (line: string) => void,
): Promise<UncertainComparison> {
  const resolved = req.files.map((f) =>
    applyOverrides(loadScenario(f), { ticks: req.ticks, firms: req.firms, seed: req.seed }),
  );
  const [base, ...mixes] = resolved;
  const replications = req.replications ?? defaultReplications(base.replications);
  const total = resolved.length * req.draws * replications;
  write(
    `\nParameter uncertainty (${spec.source ?? req.source}): ${req.draws} draws × ${replications} seeds × ${resolved.length} scenarios = ${total} runs`,
  );
  let last = 0;
  const result = await compareWithUncertainty({
    baseline: { name: base.name, params: base.params },
    mixes: mixes.map((m) => ({ name: m.name, params: m.params })),
    uncertainty: spec,
    draws: req.draws,
    replications,
    seed: base.seed,
    outcomes: ["innovations", "output", "employment"],
    workers: req.workers,
    onProgress: (done, all) => {
      const now = Date.now();
      if (done === all || now - last > 2000) {
        last = now;
        process.stderr.write(`  ${done}/${all} runs\n`);
      }
    },
  });
  write(formatUncertainty(result));
  writeFileSync(join(req.out, "uncertainty.json"), `${JSON.stringify(result, null, 2)}\n`);
  write(`wrote ${join(req.out, "uncertainty.json")}`);
  return result;
}

/** One line per mix and outcome: both intervals, how much wider the full one is, P(beats baseline). */
export function formatUncertainty(u: UncertainComparison): string {
  const width = (i: [number, number]) => i[1] - i[0];
  const rows = u.effects.map((e) => {
    const ratio = width(e.seedOnly) > 0 ? width(e.seedAndParameter) / width(e.seedOnly) : Number.NaN;
    return [
      e.mix,
      e.outcome,
      fmt(e.mean),
      `[${fmt(e.seedOnly[0])}, ${fmt(e.seedOnly[1])}]`,
      `[${fmt(e.seedAndParameter[0])}, ${fmt(e.seedAndParameter[1])}]`,
      Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "–",
      fmtPercent(e.probBeatsBaseline).replace(/^\+/, ""),
    ];
  });
  const header = [
    "mix",
    "outcome",
    "effect",
    "seeds only",
    "seeds + parameters",
    "wider",
    "P(beats baseline)",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const flips = u.rankStability.filter((r) => r.probABeatsB > 0.05 && r.probABeatsB < 0.95);
  const rank = u.rankStability.map(
    (r) => `  ${r.outcome}: P(${r.a} beats ${r.b}) = ${fmtPercent(r.probABeatsB).replace(/^\+/, "")}`,
  );
  return [
    "Effects over the whole run (paired, absolute), 95% intervals: seed noise only, and seed noise plus parameter uncertainty",
    line(header),
    ...rows.map(line),
    "Rank stability across the parameter draws:",
    ...(rank.length > 0 ? rank : ["  (one mix: nothing to rank)"]),
    flips.length > 0
      ? `${flips.length} of ${u.rankStability.length} rankings are not settled (5–95%) across the parameter uncertainty`
      : "no ranking flips in more than 5% of the draws",
  ].join("\n");
}
