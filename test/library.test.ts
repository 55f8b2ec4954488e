import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * ecosim as a dependency: a scratch project with node_modules/ecosim linked to this checkout
 * imports "ecosim" by name (package.json `exports`), runs the model through it, and type-checks
 * a file against the built declarations (dist/index.d.ts). Needs the build (`npm test` builds
 * first; alone: `npm run build`).
 */

const ROOT = join(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

/** What the package promises; src/index.ts may export more. */
const SURFACE = [
  "simulate",
  "defaultParams",
  "ModelParamsSchema",
  "listParams",
  "scenarioJsonSchema",
  "loadScenario",
  "applyOverrides",
  "planJobs",
  "runSweep",
  "ResultStore",
  "summarize",
  "compareScenarios",
  "runCompareJobs",
  "runCompareWorkflow",
];

let scratch: string;

beforeAll(() => {
  for (const file of ["dist/index.js", "dist/index.d.ts"]) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run npm run build first`);
  }
  scratch = mkdtempSync(join(tmpdir(), "ecosim-library-"));
  mkdirSync(join(scratch, "node_modules"));
  symlinkSync(ROOT, join(scratch, "node_modules", "ecosim"), "dir");
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ type: "module", private: true }));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('import("ecosim")', () => {
  it("declares its entry and types in package.json", () => {
    expect(pkg.exports["."]).toEqual({ types: "./dist/index.d.ts", import: "./dist/index.js" });
    expect(pkg.types).toBe("./dist/index.d.ts");
    expect(pkg.bin.ecosim).toBe("dist/cli/main.js");
  });

  it("loads by name from another project and runs the model", () => {
    const script = `
      const m = await import("ecosim");
      const run = m.simulate({ ...m.defaultParams(), ticks: 3, firms: 40 }, 7);
      const summary = m.summarize(run);
      console.log(JSON.stringify({ keys: Object.keys(m), ticks: run.ticks, summaryTicks: summary.ticks }));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: scratch,
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out.keys).toEqual(expect.arrayContaining(SURFACE));
    expect(out.ticks).toBe(3);
    expect(out.summaryTicks).toBe(3);
  });

  it("type-checks a consumer against the built declarations", () => {
    writeFileSync(
      join(scratch, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2023"],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ["node"],
          typeRoots: [join(ROOT, "node_modules", "@types")],
        },
        files: ["consumer.ts"],
      }),
    );
    writeFileSync(
      join(scratch, "consumer.ts"),
      `import {
  applyOverrides,
  type CompareWorkflowOutcome,
  compareScenarios,
  createInProcessExecutor,
  defaultParams,
  describeScenario,
  describeSeeds,
  type JobSpec,
  listParams,
  loadScenario,
  type ModelParams,
  ModelParamsSchema,
  planJobs,
  ResultStore,
  type RunResult,
  runCompareWorkflow,
  runSweep,
  type Summary,
  type SweepOutcome,
  simulate,
  summarize,
} from "ecosim";

const params: ModelParams = ModelParamsSchema.parse({ ticks: 4 });
const run: RunResult = simulate({ ...defaultParams(), ticks: 2 }, 7, { recordFirms: true });
const outcomes: Summary = summarize(run);
const ticks: number = run.ticks + params.ticks;
const scenario = applyOverrides(loadScenario("baseline.yaml"), { replications: 2 });
const plan = planJobs(scenario);
const job: JobSpec = plan.jobAt(0);
const paths: string[] = listParams().map((p) => p.path);
const describe = { scenario: describeScenario(scenario), design: scenario.design, seeds: describeSeeds(scenario) };
const store = ResultStore.open({ dir: "out", plan, resume: false, describe });
const outcome: Promise<SweepOutcome> = runSweep({ plan, store, workers: 1 });
const comparison = compareScenarios([]);
const workflow: Promise<CompareWorkflowOutcome> = runCompareWorkflow({
  scenarios: [
    { name: "baseline", params },
    { name: "mix", params },
  ],
  baseSeed: 1,
  replications: 2,
  executor: createInProcessExecutor(),
  out: "cmp",
  resume: false,
  write: async () => [],
});
void [outcomes, ticks, job, paths, outcome, comparison.effects, workflow];

// @ts-expect-error: the seed is a number (the declarations are real types, not any)
simulate(params, "7");
`,
    );
    const r = spawnSync(process.execPath, [TSC, "-p", join(scratch, "tsconfig.json")], {
      cwd: scratch,
      encoding: "utf8",
    });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
