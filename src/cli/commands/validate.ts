import { rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Argv, CommandModule } from "yargs";
import {
  planValidation,
  type ValidationConfig,
  type ValidationResult,
  type ValidationRow,
  validationIdentity,
} from "../../analysis/validation/run.js";
import { checkValidationDir, runValidationWorkflow } from "../../analysis/validation/workflow.js";
import { commandLine, stopOnSignals, tempSiblingOf } from "../../engine/index.js";
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
  resume: boolean;
  force: boolean;
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
      .option("resume", {
        type: "boolean",
        default: false,
        describe: "Continue the validation in --out, reusing its finished runs",
      })
      .option("force", {
        type: "boolean",
        default: false,
        describe: "Replace whatever --out holds (everything in it is deleted)",
      })
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
    const scenario = args.scenario ? loadScenario(args.scenario) : null;
    const params = scenario?.params ?? defaultParams();
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
    if (args.resume && args.force) throw new UserError("--resume and --force exclude each other");
    const dir = args.out ?? join("results", "validation");
    const keep = scenario?.chain ?? [];
    // the folder first: a refused --out has cost no run and written nothing
    checkValidationDir(dir, validationIdentity(planValidation(config)), {
      resume: args.resume,
      force: args.force,
      keep,
    });
    const out = process.stdout;
    const err = process.stderr;
    out.write(
      `validate: baseline ${config.firms} firms, ${config.burnIn} quarters burn-in + ${config.years} years, ` +
        `${config.replications} replications` +
        (config.policy
          ? `; policy checks ${config.policy.firms} firms, ${config.policy.years} years, ${config.policy.replications} replications`
          : "") +
        `; ${config.workers} workers → ${dir}\n`,
    );
    const hint = `resume with: ${resumeCommand(args, config, dir)}`;
    const stop = stopOnSignals((sig) => {
      // a second interrupt: every finished run is on disk already, so leave at once
      rmSync(tempSiblingOf(dir), { recursive: true, force: true });
      err.write(`\n${sig} again: leaving now; ${hint}\n`);
    });
    const tty = out.isTTY === true;
    let lastLine = 0;
    let outcome: Awaited<ReturnType<typeof runValidationWorkflow>>;
    try {
      outcome = await runValidationWorkflow({
        config,
        out: dir,
        resume: args.resume,
        force: args.force,
        keep,
        signal: stop.signal,
        onEvent: (e) => {
          if (e.type === "resumed") {
            out.write(
              `resuming: ${e.runs} runs already done in ${dir}` +
                (e.tornBytes > 0 || e.dropped > 0
                  ? ` (cut a torn tail of ${e.tornBytes} bytes off runs.bin; ${e.dropped} unreadable records dropped)`
                  : "") +
                "\n",
            );
          } else if (e.type === "start") {
            if (e.toRun === 0) out.write(`nothing to run: all ${e.total} runs are done\n`);
          } else if (e.type === "progress") {
            const now = Date.now();
            if (tty) out.write(`\r  ${e.done}/${e.total} runs (${e.label})\u001b[K`);
            else if (now - lastLine > 10_000 || e.done === e.total) {
              out.write(`  ${e.done}/${e.total} runs\n`);
              lastLine = now;
            }
          }
        },
        write: (target, result) => writeValidationFiles(target, result, args.charts),
      });
    } catch (e) {
      if (e instanceof Error && "exitCode" in e && e.exitCode === 1) {
        e.message = `${e.message}; the finished runs are saved in ${dir}: ${hint}`;
      }
      throw e;
    } finally {
      stop.dispose();
    }
    if (tty) out.write("\n");
    if (outcome.interrupted || !outcome.result) {
      const sig = stop.received ?? "SIGINT";
      err.write(
        `\ninterrupted by ${sig}: ${outcome.ran + outcome.reused} of ${outcome.total} runs are done and saved in ` +
          `${join(dir, "runs.bin")}.\n${hint}\n`,
      );
      process.exitCode = stop.exitCode;
      return;
    }
    const result = outcome.result;
    out.write(`\n${table(result.rows)}\n`);
    const failing = result.rows.filter((r) => !r.pass);
    const files = outcome.files.map((f) => relative(dir, f));
    out.write(
      `${result.rows.length - failing.length}/${result.rows.length} targets pass` +
        (failing.length ? `; failing: ${failing.map((r) => r.id).join(", ")}` : "") +
        ` (${(result.elapsedMs / 1000).toFixed(1)} s` +
        (outcome.reused > 0 ? `, ${outcome.reused} of ${outcome.total} runs done before` : "") +
        `)\nwrote ${files.join(", ")} to ${dir}` +
        (outcome.state === "replace" ? " (replacing what was there: --force)" : "") +
        "\n",
    );
    if (args.strict && failing.length > 0)
      throw new TargetsFailed(`${failing.length} validation targets fail`);
  },
};

/** validation.json, validation.md and the charts, into `dir`; returns their paths. */
async function writeValidationFiles(
  dir: string,
  result: ValidationResult,
  charts: boolean,
): Promise<string[]> {
  const files = ["validation.json", "validation.md"];
  writeFileSync(join(dir, "validation.json"), `${JSON.stringify(validationJson(result), null, 2)}\n`);
  const specs = validationCharts(result.curves, result.rows, translator(defaultLang()));
  for (const c of specs) {
    writeFileSync(join(dir, `${c.id}.vl.json`), `${JSON.stringify(c.spec, null, 2)}\n`);
    files.push(`${c.id}.vl.json`);
    if (charts) {
      const r = await renderChart(c.spec);
      writeFileSync(join(dir, `${c.id}.svg`), r.svg);
      writeFileSync(join(dir, `${c.id}.png`), r.png);
      files.push(`${c.id}.svg`, `${c.id}.png`);
    }
  }
  writeFileSync(join(dir, "validation.md"), markdownReport(result, charts ? specs.map((c) => c.id) : []));
  return files.map((f) => join(dir, f));
}

/** The command that continues this validation: every setting spelled out, then --out and --resume. */
export function resumeCommand(args: ValidateArgs, config: ValidationConfig, dir: string): string {
  const words = ["ecosim", "validate"];
  const opt = (flag: string, v: unknown) => words.push(flag, String(v));
  opt("--replications", config.replications);
  opt("--firms", config.firms);
  opt("--years", config.years);
  opt("--burn-in", config.burnIn);
  opt("--seed", config.seed);
  opt("--workers", config.workers);
  if (config.policy) {
    opt("--policy-replications", config.policy.replications);
    opt("--policy-firms", config.policy.firms);
    opt("--policy-years", config.policy.years);
  } else words.push("--no-policy");
  if (args.scenario !== undefined) opt("--scenario", args.scenario);
  if (!args.charts) words.push("--no-charts");
  if (args.strict) words.push("--strict");
  words.push("--out", dir, "--resume");
  return commandLine(words);
}

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
