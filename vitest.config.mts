import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));
const shared = {
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "tests/support/server-only.ts"),
    },
  },
};

const SQLITE_TEST_URL = process.env.TEST_SQLITE_URL ?? "file:./data/test-integration.db";
const POSTGRES_TEST_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/herzensthema_test";

// Integration tests run the same files against each database; scripts/test.mjs picks the
// Postgres project only when a server answers.
const integration = (name: string, databaseUrl: string) => ({
  ...shared,
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/database-setup.ts"],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "integration-test-secret-0123456789abcdef",
      APP_URL: "http://localhost:3000",
      MAIL_TRANSPORT: "outbox",
      // Warnings and errors only: the app's info lines would drown the runner's output.
      LOG_LEVEL: "warn",
    },
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        // The app's log lines stay out of the runner's output (lib/log.test.ts makes its own logger).
        test: { name: "unit", include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"], environment: "node", env: { LOG_LEVEL: "silent" } },
      },
      integration("integration-sqlite", SQLITE_TEST_URL),
      integration("integration-postgres", POSTGRES_TEST_URL),
    ],
  },
});
