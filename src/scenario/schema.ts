import { z } from "zod";
import { ModelParamsSchema } from "../model/params.js";
import { paramPaths } from "./paramTree.js";

/**
 * The schema of a scenario file: its own keys, the experiment design keys, and every key of the
 * model's parameters (ModelParamsSchema's sections, unchanged). Design paths are checked against
 * the parameters by src/scenario/designs (for messages with did-you-mean); the JSON Schema lists
 * them so editors can complete them.
 */

const designValue = z
  .union([z.number(), z.boolean()])
  .meta({ description: "A parameter value: a number, or true/false for on/off parameters." });

const range = z
  .tuple([z.number(), z.number()])
  .meta({ description: "[low, high] bounds of the sampled range, inside the parameter's own bounds." });

const ranges = z
  .record(z.string(), range)
  .meta({ description: "Parameter path → [low, high]. Integer parameters get rounded values." });

const samples = z
  .number()
  .int()
  .min(1)
  .max(1_000_000)
  .meta({ description: "Number of samples.", unit: "samples" });

export const DESIGN_KEYS = ["grid", "points", "lhs", "sobol"] as const;
export type DesignKey = (typeof DESIGN_KEYS)[number];

/** Keys that belong to a design: a file that declares a design drops its parents' ones too. */
export const DESIGN_BOUND_KEYS = [...DESIGN_KEYS, "reference"] as const;

/** Keys that belong to one file and are not inherited through `extends`. */
export const OWN_KEYS = ["name", "description", "source", "extends"] as const;

const modelShape = ModelParamsSchema.unwrap().shape;

export const ScenarioSchema = z
  .strictObject({
    name: z.string().min(1).meta({ description: "Name of the scenario (shown in reports)." }),
    description: z
      .string()
      .optional()
      .meta({ description: "What the scenario is, and what was scaled and why." }),
    extends: z.string().min(1).optional().meta({
      description:
        "Scenario this one builds on: a bare name (baseline) looks next to this file, then in the project's scenarios/ folder; a relative path resolves from this file. Child values win; lists replace.",
    }),
    seed: z
      .number()
      .int()
      .min(0)
      .max(4294967295)
      .default(1)
      .meta({ description: "Base seed of the scenario.", unit: "uint32" }),
    replications: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(1)
      .meta({ description: "Runs per parameter point, each with its own seed.", unit: "runs" }),
    grid: z.record(z.string(), z.array(designValue).min(1)).optional().meta({
      description: "Full factorial design: parameter path → list of values (first path outermost).",
    }),
    points: z
      .array(z.record(z.string(), designValue))
      .min(1)
      .optional()
      .meta({ description: "Explicit design: a list of maps parameter path → value." }),
    lhs: z
      .strictObject({ samples, ranges })
      .optional()
      .meta({ description: "Latin hypercube design: one sample per stratum in each dimension." }),
    sobol: z
      .strictObject({
        samples: samples.meta({ description: "N, the number of base samples.", unit: "samples" }),
        ranges,
      })
      .optional()
      .meta({
        description:
          "Saltelli design for Sobol' indices: N·(k+2) points from a Sobol' sequence over 2k dimensions.",
      }),
    commonRandomNumbers: z.boolean().optional().meta({
      description:
        "Common random numbers across design points (default true): replication r of every point runs on the same seed, crnSeed(seed, r), so differences between points are paired. false: each (point, replication) gets its own seed, deriveSeed(scenario hash, point, replication), the seeding of sweeps before this option.",
    }),
    reference: z.record(z.string(), designValue).optional().meta({
      description:
        "The reference point of a grid or points design (parameter path → value, matching exactly one point): the sweep report shows every point's effect against it. Default: the design's first point.",
    }),
    ...modelShape,
  })
  .meta({
    description: "An ecosim scenario: a policy mix, its parameters and optionally an experiment design.",
  });

export type ScenarioInput = z.input<typeof ScenarioSchema>;

/** Keys of the model parameters at the top level of a scenario. */
export const MODEL_KEYS = Object.keys(modelShape);

/**
 * The JSON Schema of scenario files (draft-07, which the VS Code YAML extension reads), with every
 * parameter's description, unit, default, bounds and source; design keys list the valid paths.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, { io: "input", target: "draft-7" }) as Record<
    string,
    unknown
  >;
  annotate(schema);
  const props = schema.properties as Record<string, Record<string, unknown>>;
  const paths = paramPaths();
  const names = { enum: paths };
  props.grid.propertyNames = names;
  props.reference.propertyNames = names;
  const points = props.points.items as Record<string, unknown>;
  points.propertyNames = names;
  for (const key of ["lhs", "sobol"]) {
    const r = (props[key].properties as Record<string, Record<string, unknown>>).ranges;
    r.propertyNames = names;
  }
  schema.title = "ecosim scenario";
  schema.$id = "https://ecosim.invalid/scenario.schema.json";
  return schema;
}

/** Folds unit, default and source into each description, so editors' hovers show them. */
function annotate(node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) annotate(n);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  if (typeof o.description === "string" && (typeof o.unit === "string" || typeof o.source === "string")) {
    const extra: string[] = [];
    if (typeof o.unit === "string") extra.push(`Unit: ${o.unit}.`);
    if (o.default !== undefined && typeof o.default !== "object")
      extra.push(`Default: ${String(o.default)}.`);
    if (typeof o.source === "string") extra.push(`Source: ${o.source}.`);
    o.markdownDescription = `${o.description}\n\n${extra.join(" ")}`;
  }
  for (const v of Object.values(o)) annotate(v);
}
