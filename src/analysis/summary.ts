/**
 * The run summary lives in the engine (src/engine/summary.ts: a pure function of the run result
 * that the engine ships and stores); analysis and the layers above may read it from here too.
 * Kept for importers not yet moved to src/engine/summary.ts and INSTRUMENT_NAMES.
 */
import { INSTRUMENT_NAMES } from "../model/params.js";

export {
  SUMMARY_FIELDS,
  SUMMARY_KEYS,
  type Summary,
  type SummaryField,
  type SummaryKind,
  stableNumber,
  summarize,
  summaryFromValues,
  summaryValues,
} from "../engine/summary.js";

/** @deprecated The instruments whose spending the model books are INSTRUMENT_NAMES (src/model/params.ts). */
export const SPENDING_INSTRUMENTS = INSTRUMENT_NAMES;
