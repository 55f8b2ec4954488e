import type { OutcomeKey, UnitKey } from "../../analysis/outcomes.js";
import { OUTCOMES } from "../../analysis/outcomes.js";
import { en, type MessageKey } from "../i18n/en.js";
import type { Translate } from "../i18n/index.js";
import { withUnit } from "./common.js";

export function outcomeUnit(key: OutcomeKey): UnitKey {
  return OUTCOMES.find((o) => o.key === key)?.unit ?? "count";
}

/** "Employment (workers)" in the chosen language. */
export function outcomeLabel(t: Translate, key: OutcomeKey): string {
  return withUnit(t, t(`outcome.${key}`), t(`unit.${outcomeUnit(key)}`));
}

/** The outcomes' labels in the order the outcomes are listed, for facet sorting. */
export function outcomeOrder(t: Translate, keys: readonly OutcomeKey[]): string[] {
  return keys.map((k) => outcomeLabel(t, k));
}

/** An instrument's name in the chosen language (the code name if the catalogue lacks it). */
export function instrumentLabel(t: Translate, name: string): string {
  const key = `instrument.${name}`;
  return key in en ? t(key as MessageKey) : name;
}
