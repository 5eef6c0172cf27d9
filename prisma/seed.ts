/**
 * Demo data for the embedded default: two publishers, three published causes in German and
 * English with a few updates each (news, an upcoming event, a call to action, an event just past), and one partner group of two of them (the second joined by an
 * accepted invitation, as in the app). Idempotent: what exists already is left alone. Nobody is
 * subscribed to anything here — follower counts start at zero, honestly.
 */
import { DateTime } from "luxon";
import { createDbClient } from "../lib/db-client";
import { DEFAULT_DATABASE_URL } from "../lib/db-url.mjs";
import { groupSearchText } from "../lib/group/rules";
import { causeSearchText, parseTags } from "../lib/topic/rules";

type DemoCause = {
  owner: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  language: "de" | "en";
  tags: string[];
  updates: DemoUpdate[];
};

// Events and calls: when (days from today, at a local hour) in the cause's zone, where, until when.
type DemoUpdate = {
  title: string;
  body: string;
  daysAgo: number;
  event?: { inDays: number; hour: number; hours: number; place: string; timeZone: string };
  call?: { inDays: number; hour: number; url?: string; timeZone: string };
};

const causes: DemoCause[] = [
  {
    owner: "lena@demo.herzensthema.local",
    slug: "saubere-spree",
    title: "Saubere Spree — Müll raus aus dem Fluss",
    summary: "Jeden ersten Samstag sammeln wir am Ufer Müll. Hier erfährst du, wann und wo — und was daraus wird.",
    body: `Die Spree ist unser Fluss. Seit 2024 treffen wir uns **jeden ersten Samstag im Monat** und holen heraus, was nicht hineingehört.

## Was wir tun
- Ufer und Uferwege absuchen, Müll trennen und wiegen
- Fundstücke dokumentieren und an die Stadtreinigung melden
- mit Anwohnenden über Mülleimer und Beleuchtung reden

## Warum hier und nicht in einer Gruppe?
Weil niemand ungefragt in eine Gruppe gehört. Wer mitlesen will, folgt — und geht, wann er will.

Mehr über uns: [Bezirksamt Friedrichshain-Kreuzberg](https://www.berlin.de/ba-friedrichshain-kreuzberg/).`,
    language: "de",
    tags: ["Umwelt", "Berlin", "Mitmachen"],
    updates: [
      { title: "Bilanz März: 84 kg aus dem Osthafen", body: "Zwölf Leute, drei Stunden, **84 kg** Müll. Der Spitzenreiter: Kronkorken. Danke an alle!", daysAgo: 20 },
      { title: "Neue Treffpunkte ab April", body: "Ab April starten wir abwechselnd an der Oberbaumbrücke und am Treptower Park. Die genauen Punkte stehen immer hier.", daysAgo: 9 },
      { title: "Greifzangen gespendet", body: "Ein Baumarkt aus der Nachbarschaft hat uns 20 Greifzangen geschenkt. Wer keine eigene hat, bekommt eine.", daysAgo: 2 },
    ],
  },
  {
    owner: "sam@demo.herzensthema.local",
    slug: "repair-cafe-suedstadt",
    title: "Repair Café Südstadt",
    summary: "Bring what is broken, leave with it fixed — and with a neighbour you did not know before.",
    body: `Every second Thursday, volunteers help you repair toasters, bikes, jeans and phones in the community hall.

We publish **dates, what we can fix this time, and what we need** (spare parts, volunteers). Nothing else.

> The best repair is the one you learn to do yourself.`,
    language: "en",
    tags: ["Repair", "Community", "Nachhaltigkeit"],
    updates: [
      { title: "Thursday: bike tubes and zips", body: "This week we have two bike people and a tailor. Bring inner tubes and broken zips.", daysAgo: 6 },
      { title: "We need a soldering iron", body: "Ours finally gave up. If you have a spare one, bring it along — thank you!", daysAgo: 1 },
      {
        title: "Repair evening: lamps and radios",
        body: "Our electronics volunteer is back. Bring lamps, radios and anything with a plug — and a cake if you like.",
        daysAgo: 1,
        event: { inDays: 6, hour: 18, hours: 3, place: "Community hall, Südstraße 12", timeZone: "Europe/Berlin" },
      },
      {
        title: "Volunteers wanted for the spring repair day",
        body: "We need five more people who can sew, solder or true a wheel. Sign up and we will pair you with a regular.",
        daysAgo: 1,
        call: { inDays: 21, hour: 20, url: "https://example.org/repair-day-volunteers", timeZone: "Europe/Berlin" },
      },
    ],
  },
  {
    owner: "lena@demo.herzensthema.local",
    slug: "schatten-fuer-schulhoefe",
    title: "Mehr Schatten für Schulhöfe",
    summary: "Bäume und Sonnensegel für die heißesten Schulhöfe der Stadt. Wir sammeln Daten und reden mit dem Schulamt.",
    body: `Im Sommer 2025 haben wir auf 14 Schulhöfen die Temperatur gemessen. Auf manchen waren es **über 50 °C** am Boden.

Wir setzen uns für Bäume, Sonnensegel und entsiegelte Flächen ein — zuerst dort, wo es am heißesten ist.`,
    language: "de",
    tags: ["Klima", "Schule", "Berlin"],
    updates: [
      { title: "Messwerte veröffentlicht", body: "Alle Messwerte des Sommers stehen jetzt als Tabelle online. Danke an die Eltern, die mitgemessen haben.", daysAgo: 12 },
      {
        title: "Infoabend im Rathaus",
        body: "Wir stellen die Messwerte vor und sprechen mit dem Schulamt über die ersten Sonnensegel.",
        daysAgo: 10,
        event: { inDays: -3, hour: 19, hours: 2, place: "Rathaus Schöneberg, Raum 1102", timeZone: "Europe/Berlin" },
      },
    ],
  },
];

const DAY = 24 * 60 * 60 * 1000;

/** A demo event's or call's fields: whole hours on a day counted from today, in its zone. */
function scheduleOf(update: DemoUpdate) {
  const at = (inDays: number, hour: number, zone: string) => DateTime.now().setZone(zone).plus({ days: inDays }).set({ hour, minute: 0, second: 0, millisecond: 0 });
  if (update.event) {
    const { inDays, hour, hours, place, timeZone } = update.event;
    const start = at(inDays, hour, timeZone);
    return { kind: "event" as const, startsAt: start.toJSDate(), endsAt: start.plus({ hours }).toJSDate(), place, timeZone };
  }
  if (update.call) {
    const { inDays, hour, url, timeZone } = update.call;
    return { kind: "call" as const, deadline: at(inDays, hour, timeZone).toJSDate(), callUrl: url ?? null, timeZone };
  }
  return {};
}

export async function seedDemoData(url: string) {
  const db = createDbClient(url);
  try {
    let created = 0;
    for (const cause of causes) {
      if (await db.topic.findUnique({ where: { slug: cause.slug }, select: { id: true } })) continue;
      const owner = await db.user.upsert({
        where: { email: cause.owner },
        create: { email: cause.owner, name: cause.owner.split("@")[0], emailVerified: new Date() },
        update: {},
      });
      const publishedAt = new Date(Date.now() - 30 * DAY);
      await db.topic.create({
        data: {
          slug: cause.slug,
          title: cause.title,
          summary: cause.summary,
          searchText: causeSearchText(cause),
          body: cause.body,
          language: cause.language,
          status: "published",
          publishedAt,
          ownerId: owner.id,
          tags: { connectOrCreate: parseTags(cause.tags.join(",")).tags.map(({ key, label }) => ({ where: { slug: key }, create: { slug: key, label } })) },
          updates: {
            create: cause.updates.map((update) => ({
              title: update.title,
              body: update.body,
              publishedAt: new Date(Date.now() - update.daysAgo * DAY),
              ...scheduleOf(update),
            })),
          },
        },
      });
      created++;
    }
    await seedDemoGroup(db);
    return created;
  } finally {
    await db.$disconnect();
  }
}

const demoGroup = {
  slug: "gruener-kiez-berlin",
  name: "Grüner Kiez Berlin",
  concern: "Ein sauberer Fluss, reparierte Dinge und Nachbarn, die sich kennen.",
  description: "Zwei Initiativen aus Berlin, die oft dieselben Leute erreichen. Wer der Gruppe folgt, sieht die Neuigkeiten beider an einem Ort.",
  founder: "saubere-spree",
  member: "repair-cafe-suedstadt",
  tags: ["Berlin", "Umwelt"],
};

/** The partner group: founded by one cause, joined by another cause's owner accepting an invitation. */
async function seedDemoGroup(db: ReturnType<typeof createDbClient>) {
  if (await db.partnerGroup.findUnique({ where: { slug: demoGroup.slug }, select: { id: true } })) return;
  const [founder, member] = await Promise.all([
    db.topic.findUnique({ where: { slug: demoGroup.founder }, select: { id: true, ownerId: true } }),
    db.topic.findUnique({ where: { slug: demoGroup.member }, select: { id: true } }),
  ]);
  if (!founder?.ownerId || !member) return;
  const invitedAt = new Date(Date.now() - 20 * DAY);
  const group = await db.partnerGroup.create({
    data: {
      slug: demoGroup.slug,
      name: demoGroup.name,
      concern: demoGroup.concern,
      description: demoGroup.description,
      searchText: groupSearchText(demoGroup),
      language: "de",
      adminTopicId: founder.id,
      createdAt: new Date(Date.now() - 21 * DAY),
      tags: { connectOrCreate: parseTags(demoGroup.tags.join(",")).tags.map(({ key, label }) => ({ where: { slug: key }, create: { slug: key, label } })) },
      memberships: { create: { topicId: founder.id, invitationId: null, joinedAt: new Date(Date.now() - 21 * DAY) } },
    },
  });
  const invitation = await db.groupInvitation.create({
    data: {
      groupId: group.id,
      topicId: member.id,
      invitedById: founder.ownerId,
      note: "Wir erreichen oft dieselben Leute — magst du mit uns eine Gruppe bilden?",
      status: "accepted",
      createdAt: invitedAt,
      expiresAt: new Date(invitedAt.getTime() + 30 * DAY),
      respondedAt: new Date(invitedAt.getTime() + DAY),
    },
  });
  await db.groupMembership.create({ data: { groupId: group.id, topicId: member.id, invitationId: invitation.id, joinedAt: invitation.respondedAt! } });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  seedDemoData(url)
    .then((created) => console.log(`[seed] ${created ? `${created} demo causes created` : "demo data already there"}`))
    .catch((error) => {
      console.error("[seed] failed:", error);
      process.exit(1);
    });
}
