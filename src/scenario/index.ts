/**
 * Scenarios: files (YAML/JSON) with `extends`, their checks and messages, experiment designs,
 * and the jobs a scenario expands to. What the rest of ecosim codes against.
 */
export { canonicalJson, hashOf } from "./canonical.js";
export { describeScenario } from "./describe.js";
export type {
  Design,
  GridDesign,
  LhsDesign,
  Point,
  PointsDesign,
  PointValue,
  RangeAxis,
  SingleDesign,
  SobolDesign,
  SobolRole,
} from "./designs/index.js";
export {
  designParams,
  designPointAt,
  designPointCount,
  lhsUnitPoint,
  SOBOL_MAX_PARAMS,
  sobolMeta,
  sobolPoint,
  sobolRole,
} from "./designs/index.js";
export { didYouMean, levenshtein, ScenarioError, type ScenarioIssue } from "./errors.js";
export { formatInstrumentsInForce, type InstrumentInForce, instrumentsInForce } from "./instrumentsOn.js";
export {
  applyPoint,
  describeSeeds,
  type JobPlan,
  type JobSpec,
  planJobs,
  type Shard,
  seedRule,
} from "./jobs.js";
export {
  defaultScenariosDir,
  type LoadOptions,
  loadScenario,
  parseScenarioText,
  type ResolvedScenario,
  scenarioHash,
} from "./load.js";
export { applyOverrides, type Overrides, setParamPath } from "./overrides.js";
export { listParams, type ParamInfo, type ParamType, paramAt } from "./paramTree.js";
export { ScenarioSchema, scenarioJsonSchema } from "./schema.js";
export { crnSeed, deriveSeed } from "./seeds.js";
