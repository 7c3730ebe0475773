import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Three kinds of tests, each runnable alone (`vitest run --project unit|db|e2e`):
// pure unit tests, tests against a real database (PGlite or DATABASE_URL), and browser tests.
export default defineConfig({
  test: {
    // Vitest's default is one worker per core minus one: a single worker on a 2-core CI machine, so
    // every file ran one after another. Unit and database files mostly wait on the database and
    // the HTTP server, so one worker more than the cores keeps them busy. Browser files still run
    // one at a time, after the others: two Chromiums and servers on two cores time out.
    maxWorkers: Math.max(3, availableParallelism()),
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "apps/api/src/**/*.unit.test.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "db",
          // Files of a worker share its module cache instead of importing the API afresh each
          // (145 s → 84 s for unit + db here). Every file has its own database and server; what
          // the API keeps per process (calendars by tenant with their change stamp, published
          // process versions by id) stays correct across databases as it does across API nodes.
          isolate: false,
          include: ["apps/api/src/**/*.test.ts"],
          exclude: ["apps/api/src/**/*.unit.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          globalSetup: ["e2e/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
