/**
 * A second writer process for tests/integration/operations.test.ts: follows and leaves causes as
 * fast as it can against the same SQLite file, and reports every error it met as JSON on stdout.
 * Args: <readerId> <topicId,topicId,…> <clicks>
 */
import { followCause, leaveCause } from "@/lib/subscription/mutations";

async function main() {
const [readerId, topics, clicks] = process.argv.slice(2);
const topicIds = topics.split(",");
const errors: string[] = [];
for (let i = 0; i < Number(clicks); i++) {
  const topicId = topicIds[i % topicIds.length];
  try {
    if (i % 2 === 0) await followCause({ id: readerId }, { topicId, source: "/test" });
    else await leaveCause({ id: readerId }, { topicId, source: "/test" });
  } catch (error) {
    errors.push(`${(error as { code?: string }).code} ${String((error as Error).message ?? error).slice(-120)}`);
  }
}
process.stdout.write(JSON.stringify({ errors }));
process.exit(0);
}

void main();
