import { type Catalogue, en, type MessageKey } from "./en.js";
import { zh } from "./zh.js";

export type { Catalogue, MessageKey };
export const LANGS = ["en", "zh"] as const;
export type Lang = (typeof LANGS)[number];

export const CATALOGUES: Record<Lang, Catalogue> = { en, zh };

/** A translation function for one language: t("key", { name: value }). */
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const cat = CATALOGUES[lang];
  return (key, vars) => {
    const text = cat[key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}

/** The language from the environment's locale (LC_ALL, LC_MESSAGES, LANG, then Intl): zh or en. */
export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const fromEnv = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  const locale = fromEnv && fromEnv !== "C" && fromEnv !== "POSIX" ? fromEnv : intlLocale();
  return locale.toLowerCase().startsWith("zh") ? "zh" : "en";
}

function intlLocale(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().locale;
  } catch {
    return "en";
  }
}

export function isLang(x: unknown): x is Lang {
  return typeof x === "string" && (LANGS as readonly string[]).includes(x);
}
