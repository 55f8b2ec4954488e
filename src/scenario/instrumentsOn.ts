import { INSTRUMENT_NAMES, type ModelParams } from "../model/params.js";
import { listParams } from "./paramTree.js";

/** One instrument a scenario switches on, with every sub-measure's value as it will run. */
export interface InstrumentInForce {
  name: string;
  /** [field path under the instrument, value], e.g. ["superDeduction", 0]. */
  settings: [string, number | boolean][];
}

/**
 * The instruments a scenario switches on, each with all of its settings, so that a summary can
 * say exactly what is on: a default that quietly switches on a second measure (a super-deduction
 * with a tax credit, a capital-gains cut with an exit market) is then visible before any result.
 */
export function instrumentsInForce(p: ModelParams): InstrumentInForce[] {
  const fields = listParams().filter((x) => x.path.startsWith("instruments."));
  const out: InstrumentInForce[] = [];
  for (const name of INSTRUMENT_NAMES) {
    const section = p.instruments[name] as Record<string, unknown>;
    if (!section.enabled) continue;
    const prefix = `instruments.${name}.`;
    const settings: [string, number | boolean][] = [];
    for (const info of fields) {
      if (!info.path.startsWith(prefix) || info.path === `${prefix}enabled`) continue;
      const rel = info.path.slice(prefix.length);
      let v: unknown = section;
      for (const key of rel.split(".")) v = (v as Record<string, unknown>)[key];
      settings.push([rel, v as number | boolean]);
    }
    out.push({ name, settings });
  }
  return out;
}

/** One line per instrument on: `taxCredit: creditRate 0.3, superDeduction 0, refundable off, …`. */
export function formatInstrumentsInForce(p: ModelParams): string[] {
  const start = p.government.policyStartQuarter;
  return instrumentsInForce(p).map(({ name, settings }) => {
    const values = settings
      .map(([k, v]) => `${k} ${typeof v === "boolean" ? (v ? "on" : "off") : formatValue(v)}`)
      .join(", ");
    return `${name}${start > 0 ? ` (from quarter ${start + 1})` : ""}: ${values}`;
  });
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString();
}
