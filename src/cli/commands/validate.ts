import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Argv, CommandModule } from "yargs";
import {
  runValidation,
  type ValidationConfig,
  type ValidationResult,
  type ValidationRow,
} from "../../analysis/validation/run.js";
import { defaultWorkerCount } from "../../engine/pool.js";
import { defaultParams } from "../../model/params.js";
import { validationCharts } from "../../report/charts/validation.js";
import { defaultLang, translator } from "../../report/i18n/index.js";
import { renderChart } from "../../report/render.js";
import { loadScenario } from "../../scenario/index.js";

interface ValidateArgs {
  replications?: number;
  out?: string;
  firms?: number;
  years?: number;
  "burn-in"?: number;
  seed: number;
  workers?: number;
  policy: boolean;
  "policy-replications"?: number;
  "policy-firms"?: number;
  "policy-years"?: number;
  quick: boolean;
  scenario?: string;
  charts: boolean;
  strict: boolean;
}

class UserError extends Error {
  readonly exitCode = 2;
}

class TargetsFailed extends Error {
  readonly exitCode = 1;
}

/**
 * Defaults: a long baseline (several thousand firms, 25 years after a 10-year burn-in) with
 * enough replications for stable means, sized to finish in a few minutes on two cores; the
 * policy checks run on a smaller economy with common seeds. `--quick` is a tiny configuration
 * for tests (the statistics are then noisy).
 */
export const VALIDATE_DEFAULTS = {
  full: {
    replications: 4,
    firms: 3000,
    years: 25,
    burnIn: 40,
    policy: { replications: 12, firms: 800, years: 10 },
  },
  quick: {
    replications: 2,
    firms: 200,
    years: 4,
    burnIn: 8,
    policy: { replications: 2, firms: 100, years: 2 },
  },
} as const;

/** `ecosim validate`: stylized facts and policy responses against the literature's bands. */
export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: "validate",
  describe:
    "Check the model against stylized facts and policy-response targets (table, validation.json, charts)",
  builder: (y: Argv<object>) =>
    y
      .option("replications", { type: "number", describe: "Replications of the baseline (default 4)" })
      .option("out", { type: "string", describe: "Output directory (default results/validation)" })
      .option("firms", { type: "number", describe: "Initial SMEs of the baseline (default 3000)" })
      .option("years", { type: "number", describe: "Simulated years after the burn-in (default 25)" })
      .option("burn-in", { type: "number", describe: "Burn-in in quarters (default 40)" })
      .option("seed", { type: "number", default: 1, describe: "Base seed of the common random numbers" })
      .option("workers", {
        type: "number",
        describe: `Worker threads (default: cores, here ${defaultWorkerCount()}; 0: in this thread)`,
      })
      .option("policy", { type: "boolean", default: true, describe: "Run the policy-response checks" })
      .option("policy-replications", {
        type: "number",
        describe: "Replications of each policy run (default 12)",
      })
      .option("policy-firms", { type: "number", describe: "Initial SMEs of the policy runs (default 800)" })
      .option("policy-years", {
        type: "number",
        describe: "Years after the burn-in of the policy runs (default 10)",
      })
      .option("quick", {
        type: "boolean",
        default: false,
        describe: "A tiny configuration (for tests; noisy)",
      })
      .option("scenario", {
        type: "string",
        describe: "Take the baseline's parameters from this scenario (instruments are switched off)",
      })
      .option("charts", { type: "boolean", default: true, describe: "Render the charts (SVG and PNG)" })
      .option("strict", {
        type: "boolean",
        default: false,
        describe: "Exit with status 1 when a target fails",
      }),
  handler: async (args) => {
    const d = args.quick ? VALIDATE_DEFAULTS.quick : VALIDATE_DEFAULTS.full;
    const positiveInt = (name: string, v: number | undefined, def: number, min = 1) => {
      const x = v ?? def;
      if (!Number.isInteger(x) || x < min)
        throw new UserError(`--${name} ${v}: expected an integer ≥ ${min}`);
      return x;
    };
    const params = args.scenario ? loadScenario(args.scenario).params : defaultParams();
    const config: ValidationConfig = {
      params,
      replications: positiveInt("replications", args.replications, d.replications, 2),
      firms: positiveInt("firms", args.firms, d.firms),
      years: positiveInt("years", args.years, d.years),
      burnIn: positiveInt("burn-in", args["burn-in"], d.burnIn, 0),
      seed: positiveInt("seed", args.seed, 1, 0),
      workers: positiveInt("workers", args.workers, defaultWorkerCount(), 0),
      policy: args.policy
        ? {
            replications: positiveInt(
              "policy-replications",
              args["policy-replications"],
              d.policy.replications,
              2,
            ),
            firms: positiveInt("policy-firms", args["policy-firms"], d.policy.firms),
            years: positiveInt("policy-years", args["policy-years"], d.policy.years),
          }
        : null,
    };
    const dir = args.out ?? join("results", "validation");
    const out = process.stdout;
    out.write(
      `validate: baseline ${config.firms} firms, ${config.burnIn} quarters burn-in + ${config.years} years, ` +
        `${config.replications} replications` +
        (config.policy
          ? `; policy checks ${config.policy.firms} firms, ${config.policy.years} years, ${config.policy.replications} replications`
          : "") +
        `; ${config.workers} workers\n`,
    );
    const tty = out.isTTY === true;
    let lastLine = 0;
    const result = await runValidation(config, (p) => {
      const now = Date.now();
      if (tty) out.write(`\r  ${p.done}/${p.total} runs (${p.label})\u001b[K`);
      else if (now - lastLine > 10_000 || p.done === p.total) {
        out.write(`  ${p.done}/${p.total} runs\n`);
        lastLine = now;
      }
    });
    if (tty) out.write("\n");
    mkdirSync(dir, { recursive: true });
    const files = ["validation.json", "validation.md"];
    writeFileSync(join(dir, "validation.json"), `${JSON.stringify(validationJson(result), null, 2)}\n`);
    const charts = validationCharts(result.curves, result.rows, translator(defaultLang()));
    for (const c of charts) {
      writeFileSync(join(dir, `${c.id}.vl.json`), `${JSON.stringify(c.spec, null, 2)}\n`);
      files.push(`${c.id}.vl.json`);
      if (args.charts) {
        const r = await renderChart(c.spec);
        writeFileSync(join(dir, `${c.id}.svg`), r.svg);
        writeFileSync(join(dir, `${c.id}.png`), r.png);
        files.push(`${c.id}.svg`, `${c.id}.png`);
      }
    }
    writeFileSync(
      join(dir, "validation.md"),
      markdownReport(result, args.charts ? charts.map((c) => c.id) : []),
    );
    out.write(`\n${table(result.rows)}\n`);
    const failing = result.rows.filter((r) => !r.pass);
    out.write(
      `${result.rows.length - failing.length}/${result.rows.length} targets pass` +
        (failing.length ? `; failing: ${failing.map((r) => r.id).join(", ")}` : "") +
        ` (${(result.elapsedMs / 1000).toFixed(1)} s)\nwrote ${files.join(", ")} to ${dir}\n`,
    );
    if (args.strict && failing.length > 0)
      throw new TargetsFailed(`${failing.length} validation targets fail`);
  },
};

/** validation.json: the rows first (the one array of the file), then how they were made. */
export function validationJson(result: ValidationResult) {
  return {
    rows: result.rows,
    summary: {
      targets: result.rows.length,
      passing: result.rows.filter((r) => r.pass).length,
      elapsedSeconds: Math.round(result.elapsedMs / 100) / 10,
    },
    config: result.config,
    curves: {
      survivalByYear: result.curves.survival,
      paretoAlpha: result.curves.paretoAlpha,
      paretoXmin: result.curves.paretoXmin,
      subbotinB: result.curves.subbotinB,
      subbotinA: result.curves.subbotinA,
    },
  };
}

function num(x: number | null, digits = 3): string {
  if (x === null || !Number.isFinite(x)) return "n/a";
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(2) : x.toFixed(digits);
}

function table(rows: readonly ValidationRow[]): string {
  const head = ["target", "band / rule", "simulated", "95% CI", "result"];
  const body = rows.map((r) => [
    r.id,
    r.kind === "policy" && !r.band ? (r.target.startsWith(">") ? "effect > 0" : "effect < 0") : r.target,
    num(r.value),
    `[${num(r.ci[0])}, ${num(r.ci[1])}]`,
    r.pass ? "pass" : "FAIL",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n") + "\n";
}

function markdownReport(result: ValidationResult, chartIds: readonly string[]): string {
  const c = result.config;
  // checks judged on more common seeds than the policy replications (a noisy target)
  const policyReplications = c.policy?.replications ?? Number.POSITIVE_INFINITY;
  const moreSeeds = result.rows
    .filter((r) => r.kind === "policy" && r.n > policyReplications)
    .map((r) => `${r.id.replace(/^policy\./, "")} ${r.n}`);
  const lines = [
    "# ecosim validate",
    "",
    `Baseline: ${c.firms} initial SMEs, ${c.burnIn} quarters of burn-in and ${c.years} years measured ` +
      `(${c.ticks} quarters), ${c.replications} replications on common seeds (base seed ${c.seed}).` +
      (c.policy
        ? ` Policy checks: ${c.policy.firms} SMEs, ${c.policyTicks} quarters, ${c.policy.replications} replications` +
          (moreSeeds.length > 0 ? ` (${moreSeeds.join(", ")}).` : ".")
        : ""),
    "",
    "| target | name | band / rule | simulated | 95% CI | result | source |",
    "|---|---|---|---|---|---|---|",
    ...result.rows.map(
      (r) =>
        `| ${r.id} | ${r.name} | ${r.target} | ${num(r.value)} | [${num(r.ci[0])}, ${num(r.ci[1])}] | ` +
        `${r.pass ? "pass" : "**FAIL**"} | ${r.source} |`,
    ),
    "",
    `${result.rows.filter((r) => r.pass).length} of ${result.rows.length} targets pass.`,
    "",
    ...chartIds.map((id) => `![${id}](${id}.svg)`),
    "",
  ];
  return lines.join("\n");
}
