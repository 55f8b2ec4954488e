import { describe, expect, it } from "vitest";
import { QUEUE_NAME_PATTERN, queueNameFor, sweepOfQueue } from "../src/engine/distributed/names.js";
import {
  decodeResult,
  encodeResult,
  jobPayload,
  MAX_PAYLOAD_BYTES,
  PayloadRejected,
  parseJobPayload,
} from "../src/engine/distributed/payload.js";
import { parseShard } from "../src/engine/distributed/shard.js";
import {
  BackendError,
  redactArgv,
  redactSecrets,
  redactUrl,
  resolveRedisUrl,
} from "../src/engine/distributed/url.js";
import { decodeJobOutput, packJobOutput } from "../src/engine/job.js";
import { planHash } from "../src/engine/manifest.js";
import { defaultParams } from "../src/model/params.js";
import { syntheticPlan, syntheticResult } from "./engine-helpers.js";

/** The pure parts of the distributed backends: URLs and redaction, shards, payloads, results. */

describe("Redis URLs", () => {
  it("redacts the password everywhere and keeps the rest", () => {
    const url = "redis://alice:p%40ss-w0rd@cache.example:6380/3";
    expect(redactUrl(url)).toBe("redis://alice:***@cache.example:6380/3");
    expect(redactUrl("redis://cache.example:6379/0")).toBe("redis://cache.example:6379/0");
    expect(redactSecrets(`connect ${url} failed: AUTH p@ss-w0rd rejected`, url)).toBe(
      "connect redis://alice:***@cache.example:6380/3 failed: AUTH *** rejected",
    );
    expect(redactArgv(["sweep", "x.yaml", "--backend", url, `--backend=${url}`])).toEqual([
      "sweep",
      "x.yaml",
      "--backend",
      "redis://alice:***@cache.example:6380/3",
      "--backend=redis://alice:***@cache.example:6380/3",
    ]);
  });

  it("takes the URL from --backend or ECOSIM_REDIS_URL and refuses others without echoing secrets", () => {
    const env = { ECOSIM_REDIS_URL: "rediss://:topsecret@h:6379/1" };
    expect(resolveRedisUrl("redis", env)).toBe("rediss://:topsecret@h:6379/1");
    expect(resolveRedisUrl(undefined, env)).toBe("rediss://:topsecret@h:6379/1");
    expect(resolveRedisUrl("redis://h:1/2", env)).toBe("redis://h:1/2");
    expect(() => resolveRedisUrl(undefined, {})).toThrow(/ECOSIM_REDIS_URL/);
    const bad = (u: string) => {
      try {
        resolveRedisUrl(u, {});
      } catch (err) {
        expect(err).toBeInstanceOf(BackendError);
        return (err as Error).message;
      }
      throw new Error(`${u} was accepted`);
    };
    expect(bad("http://u:topsecret@h:1/0")).toMatch(/unsupported backend "http"/);
    expect(bad("redis://u:topsecret@h:1/zero")).toMatch(/not a number/);
    for (const u of ["http://u:topsecret@h:1/0", "redis://u:topsecret@h:1/zero"])
      expect(bad(u)).not.toContain("topsecret");
  });
});

describe("shards", () => {
  it("parses K/N and refuses the rest", () => {
    expect(parseShard("3/64")).toEqual({ k: 3, n: 64 });
    expect(parseShard(" 1 / 1 ")).toEqual({ k: 1, n: 1 });
    for (const bad of ["0/3", "4/3", "3", "a/b", "1/0", "-1/2", "1.5/3"])
      expect(() => parseShard(bad), bad).toThrow(/--shard/);
  });
});

describe("queue names", () => {
  it("names a sweep's queue after its scenario and plan", () => {
    const plan = syntheticPlan(2, 3);
    const name = queueNameFor("Guarantee sweep: Ω/2", plan);
    expect(name).toBe(`ecosim-guarantee-sweep-2-${planHash(plan)}`);
    expect(name).toMatch(QUEUE_NAME_PATTERN);
    expect(sweepOfQueue(name)).toBe(planHash(plan));
    expect(queueNameFor("x".repeat(100), plan)).toMatch(QUEUE_NAME_PATTERN);
  });
});

describe("job payloads", () => {
  const sweep = "0123456789abcdef";
  const task = {
    jobId: "p000001-r0002",
    attempt: 2,
    params: defaultParams(),
    seed: 42,
    recordFirms: true,
    checkBooks: false,
  };
  const valid = jobPayload(task, sweep, "1.2.3", 5000);
  const expectOk = { sweep, version: "1.2.3" };
  // Through JSON, as BullMQ stores it.
  const roundTrip = (v: unknown) => JSON.parse(JSON.stringify(v));

  it("accepts a valid payload and gives back the task", () => {
    const parsed = parseJobPayload(roundTrip(valid), expectOk);
    expect(parsed.task).toEqual(task);
    expect(parsed.timeoutMs).toBe(5000);
  });

  it("rejects hostile and malformed payloads with a reason", () => {
    const cases: [unknown, RegExp][] = [
      [{ ...valid, extra: "x" }, /Unrecognized key/],
      [JSON.parse(`${JSON.stringify(valid).slice(0, -1)},"__proto__":{"polluted":1}}`), /__proto__/],
      [{ ...valid, params: { ...valid.params, constructor: { prototype: { x: 1 } } } }, /constructor/],
      [{ ...valid, params: { ...valid.params, ticks: 0 } }, /ticks/],
      [{ ...valid, params: { ticks: 4 } }, /incomplete/],
      [{ ...valid, jobId: "p1; rm -rf /" }, /jobId/],
      [{ ...valid, seed: -1 }, /seed/],
      [{ ...valid, attempt: 1.5 }, /attempt/],
      [{ ...valid, format: "other/1" }, /format/],
      [{ ...valid, sweep: "fedcba9876543210" }, /belongs to sweep/],
      [{ ...valid, version: "9.9.9" }, /9\.9\.9/],
      [{ ...valid, params: { ...valid.params, note: "x".repeat(MAX_PAYLOAD_BYTES) } }, /limit/],
      ["a string", /envelope/],
      [null, /envelope/],
      [[valid], /envelope/],
    ];
    for (const [data, reason] of cases) {
      let message = "";
      try {
        parseJobPayload(data, expectOk);
      } catch (err) {
        expect(err).toBeInstanceOf(PayloadRejected);
        message = (err as Error).message;
      }
      expect(message, JSON.stringify(data).slice(0, 80)).toMatch(reason);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("job results", () => {
  it("cross Redis bit for bit (NaN, -0, infinities, subnormals)", () => {
    const buffer = packJobOutput(syntheticResult(7, 5));
    buffer[0] = Number.NaN;
    buffer[1] = -0;
    buffer[2] = Number.POSITIVE_INFINITY;
    buffer[3] = 5e-324;
    buffer[4] = 0.1 + 0.2;
    const back = decodeResult(JSON.parse(JSON.stringify(encodeResult(buffer))));
    expect(
      Buffer.from(back.buffer).equals(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength)),
    ).toBe(true);
    expect(decodeJobOutput(back).ticks).toBe(5);
  });

  it("refuses a result that is not an output of the job's ticks: all NaN, or another length", () => {
    const good = packJobOutput(syntheticResult(7, 5));
    const wire = (b: Float64Array) => JSON.parse(JSON.stringify(encodeResult(b)));
    expect(decodeJobOutput(decodeResult(wire(good), 5)).ticks).toBe(5);
    const nan = new Float64Array(good.length).fill(Number.NaN);
    expect(() => decodeResult(wire(nan), 5)).toThrow(
      /malformed result .*a summary of NaN ticks, for a job of 5/,
    );
    expect(() => decodeResult(wire(good), 6)).toThrow(/malformed result \(5 ticks of series/);
    expect(() => decodeResult(wire(good.subarray(0, good.length - 1)), 5)).toThrow(/malformed result/);
  });

  it("refuses anything else", () => {
    expect(() => decodeResult({ format: "ecosim-result/1", f64: "AAA" })).toThrow(/malformed/);
    expect(() => decodeResult({ x: 1 })).toThrow(/malformed/);
    expect(() => decodeResult(null)).toThrow(/malformed/);
  });
});
