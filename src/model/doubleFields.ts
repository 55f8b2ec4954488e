/**
 * `o`, with the number fields named (all of them when none is) in the floating-point
 * representation, their values unchanged. A field created with a small integer (0) that later
 * holds a fraction changes the object's hidden class in the middle of the first run, and the next
 * world's objects, created with the new class, no longer match the field types the first world's
 * code was optimised for. Switching the representation here, before any code runs on the object,
 * gives every instance its final layout from the start.
 */
export function doubleFields<T extends object>(o: T, ...names: (keyof T & string)[]): T {
  const fields = o as Record<string, unknown>;
  for (const k of names.length > 0 ? names : Object.keys(fields)) {
    const v = fields[k];
    if (typeof v !== "number") continue;
    fields[k] = 0.5;
    fields[k] = v;
  }
  return o;
}
