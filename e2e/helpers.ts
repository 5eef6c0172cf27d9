import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, type Page } from "@playwright/test";
import { e2eDatabaseUrl, e2ePort } from "./fixtures";

export const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.org`;

/** Signs in like a person: asks for a link, opens the dev outbox, clicks the link in that mail. */
export async function signInByMail(page: Page, email: string, returnTo = "/feed") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel(/email address|e-mail-adresse/i).fill(email);
  await page.getByRole("button", { name: /send sign-in link|anmeldelink schicken/i }).click();
  await expect(page).toHaveURL(/\/signin\/check-email/);
  await page.goto("/dev/outbox");
  const mail = page.locator(`[data-testid="outbox-mail"][data-to="${email}"]`).first();
  await mail.getByTestId("outbox-link").first().click();
  await page.getByTestId("confirm-sign-in").click();
  await expect(page).toHaveURL(new RegExp(`${returnTo.replace(/[/?]/g, "\\$&")}$`));
}

const isoTime = (date: Date) => date.toISOString().replace("Z", "+00:00"); // as Prisma writes SQLite dates

/**
 * Signs in as next-auth's email sign-in leaves a person: the account (its address verified) and a
 * session row in the story's own database, the session cookie in this browser. Stories about
 * signing in itself use signInByMail; the rest save the mail round trip (about 6 s each, 43 times).
 */
export async function signIn(page: Page, email: string, returnTo = "/feed") {
  const db = new Database(e2eDatabaseUrl().replace(/^file:/, ""));
  db.pragma("busy_timeout = 5000");
  const now = isoTime(new Date());
  const address = email.toLowerCase();
  const user = db.prepare(`SELECT "id", "emailVerified" FROM "User" WHERE "email" = ?`).get(address) as { id: string; emailVerified: string | null } | undefined;
  const userId = user?.id ?? `c${randomBytes(12).toString("hex")}`;
  if (!user) db.prepare(`INSERT INTO "User" ("id", "email", "emailVerified", "createdAt") VALUES (?, ?, ?, ?)`).run(userId, address, now, now);
  else if (!user.emailVerified) db.prepare(`UPDATE "User" SET "emailVerified" = ? WHERE "id" = ?`).run(now, userId);
  const token = randomUUID();
  const expires = isoTime(new Date(Date.now() + 30 * 24 * 3600_000));
  db.prepare(`INSERT INTO "Session" ("id", "sessionToken", "userId", "expires") VALUES (?, ?, ?, ?)`).run(`c${randomBytes(12).toString("hex")}`, token, userId, expires);
  db.close();
  await page.context().addCookies([{ name: "next-auth.session-token", value: token, url: `http://127.0.0.1:${e2ePort()}`, httpOnly: true, sameSite: "Lax" }]);
  await page.goto(returnTo);
  await expect(page).toHaveURL(new RegExp(`${returnTo.replace(/[/?]/g, "\\$&")}$`));
}

const dir = "e2e/.artifacts/screenshots";

/**
 * Saves the page at desktop and phone width (e2e/.artifacts/screenshots) for a human to look at.
 * Not in CI, where nobody looks and a clean checkout throws them away (84 pages, about 1.5 minutes);
 * E2E_SCREENSHOTS=1 takes them there too.
 */
export async function snap(page: Page, name: string) {
  if (process.env.CI && process.env.E2E_SCREENSHOTS !== "1") return;
  fs.mkdirSync(dir, { recursive: true });
  const original = page.viewportSize();
  for (const [label, width, height] of [["desktop", 1280, 800], ["phone", 390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${dir}/${name}-${label}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** A publisher creates, publishes and posts one update to a cause through the UI. */
export async function publishCauseWithUpdate(page: Page, title: string, updateTitle: string) {
  await page.goto("/dashboard/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill(`Why ${title} matters, in one sentence.`);
  await page.getByLabel("Description").fill(`## About\n\nWe care about **${title}**. See [our notes](https://example.org/notes).`);
  await page.getByLabel("Tags").fill("e2e, Community");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/dashboard\/causes\/[a-z0-9]+\?created=1$/);
  await page.getByTestId("status-button").click();
  await expect(page.getByRole("status").filter({ hasText: "Published. Your cause is now public." })).toBeVisible();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Publish update" }) });
  await form.getByLabel("Title").fill(updateTitle);
  await form.getByLabel("Text").fill(`First news about ${title}.`);
  await form.getByRole("button", { name: "Publish update" }).click();
  await expect(page.getByText("Published. Followers see it the next time they look at their feed; those who asked for email get it at the time they chose.")).toBeVisible();
  // The earlier "cause is now public" was news only until the next form was sent.
  await expect(page.getByText("Published. Your cause is now public.")).toHaveCount(0);
  const href = await page.getByRole("link", { name: /View page/ }).getAttribute("href");
  return href!; // /c/<slug>
}

/** What axe-core finds against WCAG 2.1 A/AA and its best practices on the page as it is now. */
export async function axeViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

type Locale = "de" | "en";
const messageDir = "lib/i18n/messages";

function leaves(node: unknown, prefix = "", out = new Map<string, string>()) {
  if (typeof node === "string") out.set(prefix, node);
  else if (node && typeof node === "object") for (const [key, value] of Object.entries(node)) leaves(value, prefix ? `${prefix}.${key}` : key, out);
  return out;
}

function messagesOf(locale: Locale) {
  const all = new Map<string, string>();
  for (const file of fs.readdirSync(messageDir).filter((f) => f === `${locale}.json` || f.endsWith(`.${locale}.json`))) {
    // The same key in both languages: "email.de.json" and "email.en.json" are both "email".
    const area = file === `${locale}.json` ? "main" : file.slice(0, -`.${locale}.json`.length);
    leaves(JSON.parse(fs.readFileSync(`${messageDir}/${file}`, "utf8")), area, all);
  }
  return all;
}

const fragmentCache = new Map<Locale, string[]>();
/**
 * Pieces of the other language's messages that cannot appear on a page in `locale` unless a text
 * was left untranslated: the static parts (three words or more) of every message whose wording
 * differs between the languages. Plurals and selects are skipped; tags are dropped.
 */
function foreignFragments(locale: Locale): string[] {
  const cached = fragmentCache.get(locale);
  if (cached) return cached;
  const own = messagesOf(locale);
  const other = messagesOf(locale === "de" ? "en" : "de");
  const ownText = [...own.values()].join("\n");
  const fragments = new Set<string>();
  for (const [key, value] of other) {
    if (own.get(key) === value || /\{[^{}]*\{/.test(value)) continue;
    for (const piece of value.replace(/<\/?\w+>/g, " ").split(/\{\w+\}/)) {
      const text = piece.trim().replace(/\s+/g, " ");
      if (text.split(" ").length >= 3 && text.length >= 15 && !ownText.includes(text)) fragments.add(text);
    }
  }
  const list = [...fragments];
  fragmentCache.set(locale, list);
  return list;
}

/** Text of the other language on the page (visible text, labels, placeholders, titles). */
export async function foreignText(page: Page, locale: Locale): Promise<string[]> {
  const shown = await page.evaluate(() => {
    const attributes = [...document.querySelectorAll("[aria-label], [placeholder], [title], [alt]")].flatMap((el) =>
      ["aria-label", "placeholder", "title", "alt"].map((name) => el.getAttribute(name) ?? ""),
    );
    return `${document.body.innerText}\n${attributes.join("\n")}`.replace(/[ \t]+/g, " ");
  });
  return foreignFragments(locale).filter((fragment) => shown.includes(fragment));
}

/**
 * Runs one pass of the real worker (`scripts/worker.ts --once`) against the e2e server's database,
 * with the same secret and address, as if the clock showed `now`. Asynchronous: servers it talks
 * to (SMTP, a WebSub subscriber) may live in the calling test's process.
 */
export async function runWorkerOnce(env: Record<string, string>, now = new Date()) {
  const port = e2ePort();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts", "--once", `--now=${now.toISOString()}`],
    {
      cwd: path.resolve(__dirname, ".."),
      timeout: 60_000,
      env: {
        ...process.env,
        NODE_ENV: "production",
        // The same database, secret and address as scripts/e2e-server.mjs gives the app.
        DATABASE_URL: e2eDatabaseUrl(port),
        AUTH_SECRET: "e2e-test-secret-0123456789abcdef0123456789",
        APP_URL: `http://127.0.0.1:${port}`,
        ...env,
      },
    },
  );
  expect(stdout).toMatch(/"component":"worker".*"msg":"planned \d+, sent \d+/);
  return stdout;
}
