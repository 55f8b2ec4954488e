import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // two test files at a time on a two-core machine (the default, cores − 1, ran them one by
    // one); the files that start CLI children or Redis keep to small sizes
    maxWorkers: 2,
  },
});
