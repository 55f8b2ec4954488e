/** Global sensitivity analysis: Morris screening and Sobol indices from a Saltelli design. */
export { ishigami, ishigamiFromUnit, ishigamiIndices } from "./ishigami.js";
export { type MorrisDesign, type MorrisIndex, morrisDesign, morrisIndices } from "./morris.js";
export {
  DEFAULT_FACTORS,
  DEFAULT_OUTPUTS,
  factorAxes,
  morrisPoints,
  pointMeans,
  readRecords,
  runSensitivity,
  SensitivityError,
  type SensitivityMethod,
  type SensitivityOptions,
  type SensitivityResult,
} from "./run.js";
export { type SobolIndex, sobolIndices } from "./sobol.js";
