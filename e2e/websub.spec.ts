/**
 * WebSub, end to end with real processes: an independent subscriber (tests/support/
 * websub-subscriber.mjs, its own process on loopback) finds the hub in a cause's feed, subscribes,
 * confirms the hub's challenge, and is sent the signed feed by the real worker after the publisher
 * posts — once per change, never before it confirmed, nothing after it unsubscribed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import { expect, test } from "./fixtures";
import type { APIRequestContext, Page } from "@playwright/test";
import { publishCauseWithUpdate, runWorkerOnce, signIn, uniqueEmail } from "./helpers";

type Seen = { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body: string };

let subscriber: ChildProcess;
let subscriberUrl: string;

test.beforeAll(async () => {
  subscriber = spawn(process.execPath, [path.resolve(__dirname, "../tests/support/websub-subscriber.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve) => createInterface({ input: subscriber.stdout! }).once("line", resolve));
  subscriberUrl = `http://127.0.0.1:${JSON.parse(line).port}`;
});
test.afterAll(() => subscriber?.kill("SIGTERM"));

const log = async (request: APIRequestContext): Promise<Seen[]> => (await request.get(`${subscriberUrl}/_log`)).json();
const hub = (request: APIRequestContext, form: Record<string, string>) => request.post("/api/websub", { form });
const worker = () => runWorkerOnce({ MAIL_TRANSPORT: "outbox", WEBSUB_ALLOW_PRIVATE_CALLBACKS: "true" });

async function postUpdate(page: Page, manage: string, title: string) {
  await page.goto(manage);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Publish update" }) });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Text").fill(`${title}, in a few words.`);
  await form.getByRole("button", { name: "Publish update" }).click();
  await expect(page.getByText(/^Published\. Followers see it/)).toBeVisible();
}

test("a feed reader's server subscribes at the hub, confirms, and is sent each change of the feed, signed", async ({ page, request, baseURL }) => {
  test.setTimeout(180_000);
  await signIn(page, uniqueEmail("websub"), "/dashboard/new");
  const causePath = await publishCauseWithUpdate(page, `WebSub ${Date.now()}`, "First news");
  const manage = page.url();
  const feedUrl = `${baseURL}/api/feeds/c/${causePath.split("/").pop()}/atom`;

  // Discovery: the feed names its hub and itself, in the Link header and in the document.
  const feed = await request.get(feedUrl);
  expect(feed.headers()["link"]).toBe(`<${baseURL}/api/websub>; rel="hub", <${feedUrl}>; rel="self"`);
  expect(await feed.text()).toContain(`<link rel="hub" href="${baseURL}/api/websub"/>`);
  const json = await (await request.get(feedUrl.replace(/atom$/, "json"))).json();
  expect(json.hubs).toEqual([{ type: "WebSub", url: `${baseURL}/api/websub` }]);

  // Refused at once: a topic that is not a public feed here, a bad callback, a GET.
  expect((await hub(request, { "hub.mode": "subscribe", "hub.topic": "https://elsewhere.example/feed", "hub.callback": `${subscriberUrl}/callback` })).status()).toBe(400);
  expect((await hub(request, { "hub.mode": "subscribe", "hub.topic": `${baseURL}/api/feeds/me/some-token/atom`, "hub.callback": `${subscriberUrl}/callback` })).status()).toBe(400);
  expect((await hub(request, { "hub.mode": "subscribe", "hub.topic": feedUrl, "hub.callback": "javascript:alert(1)" })).status()).toBe(400);
  expect((await hub(request, { "hub.mode": "subscribe", "hub.topic": `${baseURL}/api/feeds/c/no-such-cause/atom`, "hub.callback": `${subscriberUrl}/callback` })).status()).toBe(404);
  expect((await request.get("/api/websub")).status()).toBe(405);

  // One subscriber that confirms, one that does not.
  const secret = "a-secret-only-the-subscriber-and-hub-know";
  const subscribe = await hub(request, { "hub.mode": "subscribe", "hub.topic": feedUrl, "hub.callback": `${subscriberUrl}/callback`, "hub.secret": secret, "hub.lease_seconds": "86400" });
  expect(subscribe.status()).toBe(202);
  expect((await hub(request, { "hub.mode": "subscribe", "hub.topic": feedUrl, "hub.callback": `${subscriberUrl}/refuse` })).status()).toBe(202);
  await expect.poll(async () => (await log(request)).filter((s) => s.method === "GET").length).toBe(2);
  const [verify] = (await log(request)).filter((s) => s.method === "GET" && s.path === "/callback");
  expect(verify.query).toMatchObject({ "hub.mode": "subscribe", "hub.topic": feedUrl, "hub.lease_seconds": "86400" });
  expect(verify.query["hub.challenge"]).toMatch(/^[A-Za-z0-9_-]{32}$/);

  // Nothing has changed since it subscribed: the worker sends nothing.
  await worker();
  expect((await log(request)).filter((s) => s.method === "POST")).toEqual([]);

  // The publisher posts: the next worker pass sends the new feed once, signed with the secret.
  await postUpdate(page, manage, "Second news for subscribers");
  await worker();
  await worker();
  const sent = (await log(request)).filter((s) => s.method === "POST");
  expect(sent.map((s) => s.path)).toEqual(["/callback"]);
  expect(sent[0].headers["content-type"]).toContain("application/atom+xml");
  expect(sent[0].headers["link"]).toBe(`<${baseURL}/api/websub>; rel="hub", <${feedUrl}>; rel="self"`);
  expect(sent[0].body).toContain("Second news for subscribers");
  expect(sent[0].headers["x-hub-signature"]).toBe(`sha256=${createHmac("sha256", secret).update(sent[0].body).digest("hex")}`);

  // It unsubscribes (and confirms): the next post reaches it no more.
  expect((await hub(request, { "hub.mode": "unsubscribe", "hub.topic": feedUrl, "hub.callback": `${subscriberUrl}/callback` })).status()).toBe(202);
  await expect.poll(async () => (await log(request)).filter((s) => s.query["hub.mode"] === "unsubscribe").length).toBe(1);
  await postUpdate(page, manage, "Third news, for nobody's inbox");
  await worker();
  expect((await log(request)).filter((s) => s.method === "POST")).toHaveLength(1);
});
