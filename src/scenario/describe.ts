import type { ResolvedScenario } from "./load.js";

/**
 * What a results manifest records of the scenario that produced it: enough to rerun it (the
 * resolved parameters and the raw input) and to tell two scenarios apart (the hash).
 */
export function describeScenario(s: ResolvedScenario) {
  return {
    file: s.file,
    name: s.name,
    description: s.description,
    chain: s.chain,
    hash: s.hash,
    commonRandomNumbers: s.commonRandomNumbers,
    ...(s.reference ? { reference: s.reference } : {}),
    input: s.input,
    params: s.params,
  };
}
