import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "../src/report/i18n/en.js";
import { defaultLang, translator } from "../src/report/i18n/index.js";
import { zh } from "../src/report/i18n/zh.js";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("catalogues", () => {
  it("en and zh have exactly the same keys", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it("each zh string has the placeholders of its en string, and is translated", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
      expect(zh[key].trim().length, key).toBeGreaterThan(0);
    }
    const untranslated = (Object.keys(en) as (keyof typeof en)[]).filter(
      (k) => /[A-Za-z]{4,}/.test(en[k]) && !/[\u4e00-\u9fff]/.test(zh[k]) && !k.startsWith("lang."),
    );
    expect(untranslated).toEqual([]);
  });

  it("every key the report code asks for exists", () => {
    const dir = join(import.meta.dirname, "..", "src", "report");
    const files = [
      ...readdirSync(dir)
        .filter((f) => f.endsWith(".ts"))
        .map((f) => join(dir, f)),
      ...readdirSync(join(dir, "charts")).map((f) => join(dir, "charts", f)),
      join(import.meta.dirname, "..", "src", "cli", "commands", "compare.ts"),
    ];
    const used = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(f, "utf8").matchAll(/\bt\("([\w.]+)"/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(30);
    for (const key of used) expect(Object.keys(en), key).toContain(key);
  });

  it("fills placeholders and picks the language from the locale", () => {
    expect(translator("en")("cli.reportAt", { path: "a/b" })).toBe("Report: a/b");
    expect(translator("zh")("cli.reportAt", { path: "a/b" })).toBe("报告：a/b");
    expect(defaultLang({ LANG: "zh_CN.UTF-8" })).toBe("zh");
    expect(defaultLang({ LC_ALL: "en_US.UTF-8", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(defaultLang({ LANG: "de_DE.UTF-8" })).toBe("en");
  });
});
