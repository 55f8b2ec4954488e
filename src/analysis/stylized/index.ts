/** Estimators of the stylized facts of firm dynamics and innovation, one per file. */
export { aliveSizes, logGrowthRates } from "./growth.js";
export { type InnovationSurveyResult, innovationSurvey } from "./innovationSurvey.js";
export { type LittleGiantResult, littleGiantProfile } from "./littleGiants.js";
export { empiricalCcdf, fitParetoTail, type ParetoTailFit, type ParetoTailOptions } from "./pareto.js";
export { type RdPersistenceResult, rdPersistence } from "./rdPersistence.js";
export { type RdSizeResult, rdAndSize } from "./rdSize.js";
export { fitSubbotin, type SubbotinFit } from "./subbotin.js";
export { cohortSurvival, kaplanMeier, type SurvivalCurve, type SurvivalInput } from "./survival.js";
export { entryExitRates, type TurnoverRates } from "./turnover.js";
