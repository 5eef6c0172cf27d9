/**
 * Seeds four weeks of history for one cause into a database, for the Ursachenforschung browser
 * story (e2e/ursachenforschung.spec.ts): hourly read counters with a Tuesday-evening peak and an
 * early-morning feed poll, twelve email followers (quiet hours 22–07) who came over the weeks, five
 * of whom left the day after an update posted at 23:10, two share links and their counters, and the
 * leave reasons. Prints what it wrote as JSON, so the story can check the page's numbers by sums.
 *
 *   DATABASE_URL=file:data/e2e.db node --import tsx tests/support/insights-history.ts <slug>
 */
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { createDbClient } from "../../lib/db-client";

const ZONE = "Europe/Berlin";
const slug = process.argv[2];
// Invented history belongs in a browser story's throwaway database only, never in a real one.
if (!/^file:data\/e2e(-\d+)?\.db$/.test(process.env.DATABASE_URL ?? "")) {
  console.error("insights-history: refusing: DATABASE_URL is not an e2e database (file:data/e2e*.db)");
  process.exit(2);
}
const db = createDbClient(process.env.DATABASE_URL!);

async function main() {
  const topic = await db.topic.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  const now = DateTime.now().setZone(ZONE);
  const bucket = (at: DateTime) => ({ day: at.toUTC().toISODate()!, hour: at.toUTC().hour });
  const reads: { updateId: string; channel: string; day: string; hour: number; count: number; at: string }[] = [];
  const add = (at: DateTime, channel: string, count: number, updateId = "") => reads.push({ updateId, channel, ...bucket(at), count, at: at.toUTC().toISO()! });

  // An update posted late in the evening three days ago; the day after, five left.
  const late = now.minus({ days: 3 }).set({ hour: 23, minute: 10, second: 0, millisecond: 0 });
  const update = await db.update.create({
    data: { topicId: topic.id, title: "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz: was es für uns heißt", body: "Lang, spät, zu viel.", publishedAt: late.toJSDate() },
  });

  // Page views: every evening at 19:00 two, on Tuesdays 19:00 and 20:00 eight each; every morning
  // at 06:00 three feed fetches. Days 1–27 back (today is left alone: it is still being counted).
  for (let back = 1; back <= 27; back++) {
    const day = now.minus({ days: back }).startOf("day");
    if (day.weekday === 2) {
      add(day.set({ hour: 19 }), "page", 8);
      add(day.set({ hour: 20 }), "page", 8);
    } else {
      add(day.set({ hour: 19 }), "page", 2);
    }
    add(day.set({ hour: 6 }), "feed", 3);
  }
  // The late update's own page: twelve views the morning after, four the day after that.
  add(late.plus({ hours: 9 }), "page", 12, update.id);
  add(late.plus({ hours: 33 }), "page", 4, update.id);
  // Counters add up per bucket, as the app's flush does.
  const merged = new Map<string, (typeof reads)[number]>();
  for (const r of reads) {
    const key = `${r.updateId}|${r.channel}|${r.day}|${r.hour}`;
    const prior = merged.get(key);
    merged.set(key, prior ? { ...prior, count: prior.count + r.count } : r);
  }
  await db.readCount.createMany({
    data: [...merged.values()].map((r) => ({ topicId: topic.id, updateId: r.updateId, channel: r.channel, day: r.day, hour: r.hour, count: r.count })),
  });

  // Twelve email followers over the weeks (quiet hours 22–07, the default); five left the day
  // after the late update, at 08:00.
  const leftAt = late.plus({ days: 1 }).set({ hour: 8, minute: 0 });
  for (let i = 0; i < 12; i++) {
    const since = now.minus({ days: 2 + i * 2 }).set({ hour: 12 });
    const left = i < 5;
    const subscription = await db.subscription.create({
      data: {
        topicId: topic.id,
        channel: "email",
        email: `history-${randomUUID().slice(0, 8)}@example.org`,
        status: left ? "left" : "active",
        since: since.toJSDate(),
        emailSince: since.toJSDate(),
        leftAt: left ? leftAt.toJSDate() : null,
        createdAt: since.toJSDate(),
      },
    });
    const ledger = { subscriptionId: subscription.id, topicId: topic.id, source: `/c/${slug}`, consentVersion: "email-1" };
    await db.consentEvent.create({ data: { ...ledger, action: "confirm", createdAt: since.toJSDate() } });
    if (left) await db.consentEvent.create({ data: { ...ledger, action: "leave", createdAt: leftAt.toJSDate() } });
  }
  const month = leftAt.toUTC().toFormat("yyyy-MM");
  await db.leaveReasonCount.createMany({
    data: [
      { scope: `topic:${topic.id}`, reason: "tooMany", month, count: 3 },
      { scope: `topic:${topic.id}`, reason: "notRelevant", month, count: 1 },
    ],
  });

  // Two places: a thread (in Arabic, right to left) that brought six of forty, a newsletter one of 25.
  const places = [
    { label: "سلسلة ماستودون عن الحي", visits: 40, follows: 6 },
    { label: "Nachbarschaftsnewsletter Südstadt", visits: 25, follows: 1 },
  ];
  for (const place of places) {
    await db.shareRef.create({
      data: {
        topicId: topic.id,
        code: `history-${randomUUID().slice(0, 8)}`,
        label: place.label,
        days: { create: { day: now.minus({ days: 5 }).toUTC().toISODate()!, visits: place.visits, follows: place.follows } },
      },
    });
  }
  console.log(JSON.stringify({ updateId: update.id, updateTitle: update.title, publishedAt: late.toUTC().toISO(), leftDay: leftAt.toUTC().toISODate(), reads, places }));
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
