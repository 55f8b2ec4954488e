/** Global sensitivity analysis: Morris screening and Sobol indices from a Saltelli design. */

export {
  checkSensitivityDir,
  isSensitivityEntry,
  SENSITIVITY_PLAN,
  SensitivityFolder,
  type SensitivityPlanFile,
  SWEEP_DIR,
} from "./folder.js";
export { ishigami, ishigamiFromUnit, ishigamiIndices } from "./ishigami.js";
export { type MorrisDesign, type MorrisIndex, morrisDesign, morrisIndices } from "./morris.js";
export {
  DEFAULT_FACTORS,
  DEFAULT_OUTPUTS,
  factorAxes,
  morrisPoints,
  planSensitivity,
  pointMeans,
  readRecords,
  runSensitivity,
  SensitivityError,
  type SensitivityMethod,
  type SensitivityOptions,
  type SensitivityPlan,
  type SensitivityResult,
  sensitivityIdentity,
} from "./run.js";
export { type SobolIndex, sobolIndices } from "./sobol.js";
