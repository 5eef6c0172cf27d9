/**
 * `npm run worker`: the email delivery worker. Plans the mails readers asked for and sends those
 * that are due, every WORKER_INTERVAL_MS; SIGTERM/SIGINT finish the mail in flight and exit.
 * `npm run worker -- --once` runs one pass (plan, send everything due) and exits 0.
 * `--now=<ISO date>` (tests, e2e) acts as if the clock showed that moment.
 * Runs with --conditions=react-server so the app's "server-only" modules load outside Next.js.
 */
import "./node-version.mjs";
import { db } from "../lib/db";
import { runWorker } from "../lib/delivery/worker";
import { logger, routeConsole } from "../lib/log.mjs";

const once = process.argv.includes("--once");
const nowFlag = process.argv.find((arg) => arg.startsWith("--now="))?.slice("--now=".length);
const now = nowFlag ? new Date(nowFlag) : undefined;
if (now && Number.isNaN(now.getTime())) {
  console.error(`[worker] --now is not a date: ${nowFlag}`);
  process.exit(2);
}

// What libraries print becomes scrubbed JSON lines like the worker's own.
routeConsole(logger("console"));
runWorker({ once, now })
  .then(async () => {
    await db.$disconnect();
    process.exit(0);
  })
  .catch(async (error) => {
    logger("worker").fatal({ err: error }, "worker stopped");
    await db.$disconnect().catch(() => {});
    process.exit(1);
  });
