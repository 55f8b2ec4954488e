// The pool's worker (dist/engine/worker.js) taking 1 s more to load, as on a busy machine where
// loading the model takes 1-2 s: for the pool's timing tests (engine-pool.test.ts).
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
const { default: runTask } = await import("../dist/engine/worker.js");
export default runTask;
