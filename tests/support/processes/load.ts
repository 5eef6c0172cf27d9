/**
 * Load for tests/integration/postgres-outage.test.ts: asks the health endpoint's handler and a
 * machine endpoint built like every other (guardedRoute around the cause-feed version query) again
 * and again until SIGTERM (or for at most `seconds`), and prints every status as JSON, and anything
 * that escaped as an exception.
 * Args: <cause slug> <seconds>
 */
import * as health from "@/app/api/health/route";
import { getCauseFeedVersion } from "@/lib/feed/queries";
import { guardedRoute } from "@/lib/http";

const probe = guardedRoute("probe", async (_request: Request, slug: string) => {
  const version = await getCauseFeedVersion(slug);
  return new Response(version ? "ok" : "missing", { status: version ? 200 : 404 });
});

async function main() {
  const [slug, seconds] = process.argv.slice(2);
  const until = Date.now() + Number(seconds) * 1000;
  const started = Date.now();
  const timeline: { t: number; status: number }[] = [];
  let thrown = 0;
  // The test ends the load a while after the database is back, however slowly a busy machine got there.
  let stopped = false;
  process.on("SIGTERM", () => (stopped = true));
  while (Date.now() < until && !stopped) {
    for (const ask of [() => health.GET(new Request("http://localhost:3000/api/health")), () => probe(new Request("http://localhost:3000/probe"), slug)]) {
      try {
        timeline.push({ t: Date.now() - started, status: (await ask()).status });
      } catch {
        thrown++;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // The last line of stdout (the app's own log lines come before it).
  process.stdout.write(`\n${JSON.stringify({ timeline, thrown })}\n`);
  process.exit(0);
}

void main();
