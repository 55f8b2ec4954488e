/** Global sensitivity analysis: Morris screening and Sobol indices from a Saltelli design. */
export { ishigami, ishigamiFromUnit, ishigamiIndices } from "./ishigami.js";
export { type MorrisDesign, type MorrisIndex, morrisDesign, morrisIndices } from "./morris.js";
export { type SobolIndex, sobolIndices } from "./sobol.js";
