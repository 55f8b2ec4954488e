import { endianness } from "node:os";
import { z } from "zod";
import { ModelParamsSchema } from "../../model/params.js";
import { canonicalJson } from "../../scenario/canonical.js";
import { decodeJobOutput } from "../job.js";
import type { JobOutputBuffer, JobTask } from "../types.js";

/**
 * What travels through Redis: plain JSON data, never code. A job's payload is an envelope
 * (format, sweep, job id, attempt, seed, options) around the job's resolved model parameters;
 * a worker re-validates all of it before running anything: the envelope with a strict zod
 * schema (size limit, ids matching their patterns), the parameters with the model's own strict
 * schema, and they must be complete (parsing adds no default and changes nothing). A result is
 * the job's output buffer (summary and per-tick series), little-endian float64, in base64.
 */

export const PAYLOAD_FORMAT = "ecosim-job/1";
export const RESULT_FORMAT = "ecosim-result/1";
/** Largest accepted payload (its JSON text), in bytes; real payloads are about 5 KB. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
/** Largest accepted result, in bytes of base64 text (4000 ticks × 100 columns fit). */
export const MAX_RESULT_BYTES = 8 * 1024 * 1024;

export const JOB_ID_PATTERN = /^p\d{6,9}-r\d{4,7}$/;
export const SWEEP_PATTERN = /^[0-9a-f]{16}$/;

const EnvelopeSchema = z.strictObject({
  format: z.literal(PAYLOAD_FORMAT),
  version: z.string().regex(/^[0-9A-Za-z.+-]{1,64}$/),
  sweep: z.string().regex(SWEEP_PATTERN),
  jobId: z.string().regex(JOB_ID_PATTERN),
  attempt: z.number().int().min(1).max(1000),
  seed: z.number().int().min(0).max(4294967295),
  recordFirms: z.boolean(),
  checkBooks: z.boolean(),
  /** Wall-clock limit of the attempt in ms, enforced by the worker (0: none). */
  timeoutMs: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 3600 * 1000),
  params: z.record(z.string(), z.unknown()),
});

export interface JobPayload {
  format: typeof PAYLOAD_FORMAT;
  version: string;
  sweep: string;
  jobId: string;
  attempt: number;
  seed: number;
  recordFirms: boolean;
  checkBooks: boolean;
  timeoutMs: number;
  params: JobTask["params"];
}

/** A payload the worker refuses to run; the message says why (never echoes the payload). */
export class PayloadRejected extends Error {
  override readonly name = "PayloadRejected";
}

/** The payload of one attempt of a job. */
export function jobPayload(task: JobTask, sweep: string, version: string, timeoutMs: number): JobPayload {
  return {
    format: PAYLOAD_FORMAT,
    version,
    sweep,
    jobId: task.jobId,
    attempt: task.attempt,
    seed: task.seed,
    recordFirms: task.recordFirms,
    checkBooks: task.checkBooks,
    timeoutMs,
    params: task.params,
  };
}

/**
 * Checks a payload as received from Redis and returns the task to run and its time limit.
 * `expect.sweep` is the plan hash of the queue it came from; `expect.version` the worker's
 * ecosim version (a sweep never mixes results of two versions). Throws PayloadRejected.
 */
export function parseJobPayload(
  data: unknown,
  expect: { sweep: string; version: string },
): { task: JobTask; timeoutMs: number } {
  let text: string | undefined;
  try {
    text = JSON.stringify(data);
  } catch {
    throw new PayloadRejected("the payload is not plain JSON data");
  }
  if (text === undefined) throw new PayloadRejected("the payload is empty");
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_PAYLOAD_BYTES)
    throw new PayloadRejected(`the payload has ${bytes} bytes, more than the limit of ${MAX_PAYLOAD_BYTES}`);
  const envelope = EnvelopeSchema.safeParse(data);
  if (!envelope.success) throw new PayloadRejected(`invalid envelope: ${issuesText(envelope.error)}`);
  const e = envelope.data;
  if (e.sweep !== expect.sweep)
    throw new PayloadRejected(
      `the payload belongs to sweep ${e.sweep}, not to this queue's sweep ${expect.sweep}`,
    );
  if (e.version !== expect.version) {
    throw new PayloadRejected(
      `the sweep was planned by ecosim ${e.version} and this worker runs ecosim ${expect.version}; ` +
        "run workers of the coordinator's version",
    );
  }
  const params = ModelParamsSchema.safeParse(e.params);
  if (!params.success) throw new PayloadRejected(`invalid model parameters: ${issuesText(params.error)}`);
  if (canonicalJson(params.data) !== canonicalJson(e.params)) {
    throw new PayloadRejected("the model parameters are incomplete (a resolved parameter set is expected)");
  }
  return {
    task: {
      jobId: e.jobId,
      attempt: e.attempt,
      params: params.data,
      seed: e.seed,
      recordFirms: e.recordFirms,
      checkBooks: e.checkBooks,
    },
    timeoutMs: e.timeoutMs,
  };
}

function issuesText(error: z.ZodError): string {
  const shown = error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : "";
  return shown.join("; ") + more;
}

export interface JobResult {
  format: typeof RESULT_FORMAT;
  /** The output buffer's float64 values, little-endian, base64. */
  f64: string;
}

/** Encodes a job's output buffer for BullMQ's return value (exact: raw float64 bits). */
export function encodeResult(buffer: JobOutputBuffer): JobResult {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const le = endianness() === "LE" ? bytes : Buffer.from(bytes).swap64();
  return { format: RESULT_FORMAT, f64: le.toString("base64") };
}

/**
 * Decodes a return value into the output buffer; throws on anything else. With `ticks` (the
 * job's), the buffer must also be a job output of that many ticks whose summary says so: a result
 * of the right length whose values are NaN (or anything else) is malformed, not an empty run.
 */
export function decodeResult(value: unknown, ticks?: number): JobOutputBuffer {
  const v = value as Partial<JobResult> | null;
  if (v === null || typeof v !== "object" || v.format !== RESULT_FORMAT || typeof v.f64 !== "string")
    throw new Error("the worker returned a malformed result");
  if (v.f64.length > MAX_RESULT_BYTES) throw new Error("the worker returned a result over the size limit");
  const bytes = Buffer.from(v.f64, "base64");
  if (bytes.length % 8 !== 0) throw new Error("the worker returned a malformed result");
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  if (endianness() !== "LE") Buffer.from(copy.buffer).swap64();
  const buffer = new Float64Array(copy.buffer);
  if (ticks !== undefined) {
    let output: ReturnType<typeof decodeJobOutput>;
    try {
      output = decodeJobOutput(buffer);
    } catch {
      throw new Error(`the worker returned a malformed result (${buffer.length} values)`);
    }
    if (output.ticks !== ticks || output.summary.ticks !== ticks) {
      throw new Error(
        `the worker returned a malformed result (${output.ticks} ticks of series, a summary of ` +
          `${output.summary.ticks ?? "NaN"} ticks, for a job of ${ticks})`,
      );
    }
  }
  return buffer;
}
