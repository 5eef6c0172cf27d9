/**
 * Following a cause from the fediverse, end to end with real processes: an independent ActivityPub
 * server (tests/support/fediverse-follower.mjs, built on Fedify, its own process and keys on
 * loopback) finds a cause by WebFinger, follows it over HTTP with real signatures and is accepted at
 * once; the real worker then sends it the signed Create when the publisher posts, an Update for a
 * correction and a Delete for a deletion — each once, and nothing from before it followed. After
 * it unfollows, nothing more arrives. The page shows the handle; the publisher sees a count only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { expect, test } from "./fixtures";
import type { APIRequestContext, Page } from "@playwright/test";
import { publishCauseWithUpdate, runWorkerOnce, signIn, uniqueEmail } from "./helpers";

type Received = { type: string; id: string | null; actor: string | null; json: Record<string, unknown> & { object?: Record<string, unknown> | string } };

let follower: ChildProcess;
let followerUrl: string;

test.beforeAll(async () => {
  follower = spawn(process.execPath, [path.resolve(__dirname, "../tests/support/fediverse-follower.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve) => createInterface({ input: follower.stdout! }).once("line", resolve));
  followerUrl = `http://127.0.0.1:${JSON.parse(line).port}`;
});
test.afterAll(() => follower?.kill("SIGTERM"));

const AP = { Accept: "application/activity+json" };
const received = async (request: APIRequestContext): Promise<Received[]> => (await request.get(`${followerUrl}/_received`)).json();
const worker = () => runWorkerOnce({ MAIL_TRANSPORT: "outbox", FEDIVERSE_ALLOW_PRIVATE_ADDRESS: "true" });
const followerCount = async (request: APIRequestContext, actor: string) => (await (await request.get(`${actor}/followers`, { headers: AP })).json()).totalItems;

async function postUpdate(page: Page, manage: string, title: string) {
  await page.goto(manage);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Publish update" }) });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Text").fill(`${title}: **Samstag** um 10 Uhr am Ufer.`);
  await form.getByRole("button", { name: "Publish update" }).click();
  await expect(page.getByText(/^Published\. Followers see it/)).toBeVisible();
}

test("a fediverse account finds a cause by WebFinger, follows it, receives its updates signed, and unfollows", async ({ page, request, baseURL }) => {
  test.setTimeout(240_000);
  await signIn(page, uniqueEmail("fediverse"), "/dashboard/new");
  const causePath = await publishCauseWithUpdate(page, `Fediverse ${Date.now()}`, "Before anyone followed");
  const manage = page.url();
  const slug = causePath.split("/").pop()!;
  const host = new URL(baseURL!).host;
  const actor = `${baseURL}/ap/actors/${slug}`;

  // The page offers the handle to copy.
  await page.goto(causePath);
  await expect(page.getByTestId("fediverse-handle")).toHaveValue(`@${slug}@${host}`);

  // WebFinger and the actor, as the README's curl examples show them.
  const finger = await request.get(`/.well-known/webfinger?resource=${encodeURIComponent(`acct:${slug}@${host}`)}`);
  expect(finger.status()).toBe(200);
  expect((await finger.json()).links).toContainEqual({ rel: "self", href: actor, type: "application/activity+json" });
  expect((await request.get(`/.well-known/webfinger?resource=${encodeURIComponent(`acct:no-such-cause@${host}`)}`)).status()).toBe(404);
  const document = await (await request.get(actor, { headers: AP })).json();
  expect(document).toMatchObject({
    id: actor,
    type: "Organization",
    preferredUsername: slug,
    url: `${baseURL}${causePath}`,
    inbox: `${actor}/inbox`,
    outbox: `${actor}/outbox`,
    followers: `${actor}/followers`,
    manuallyApprovesFollowers: false,
    endpoints: { sharedInbox: `${baseURL}/ap/inbox` },
    icon: { url: `${baseURL}/api/og/c/${slug}` },
  });
  expect(document.publicKey.id).toBe(`${actor}#main-key`);
  // The pasted page URL answers a fediverse server with the actor, a browser with the page.
  const pasted = await request.get(causePath, { headers: AP });
  expect(pasted.headers()["content-type"]).toContain("application/activity+json");
  expect((await pasted.json()).id).toBe(actor);
  expect((await request.get(causePath)).headers()["content-type"]).toContain("text/html");
  // The follower's server resolves the pasted URL the same way.
  expect((await (await request.get(`${followerUrl}/_lookup?url=${encodeURIComponent(`${baseURL}${causePath}`)}`)).json()).id).toBe(actor);

  // Unsigned posts to the inbox are refused; nothing changes.
  const forged = { "@context": "https://www.w3.org/ns/activitystreams", type: "Follow", id: `${followerUrl}/forged`, actor: `${followerUrl}/users/reader`, object: actor };
  expect((await request.post(`${actor}/inbox`, { data: forged, headers: { "Content-Type": "application/activity+json" } })).status()).toBe(401);
  expect(await followerCount(request, actor)).toBe(0);

  // Follow: discovered by WebFinger, accepted at once (no worker needed for that).
  const followed = await (await request.post(`${followerUrl}/_follow?resource=${encodeURIComponent(`acct:${slug}@${host}`)}&base=${encodeURIComponent(baseURL!)}`)).json();
  expect(followed.actor).toBe(actor);
  await expect.poll(async () => (await received(request)).filter((a) => a.type === "Accept" && a.actor === actor).length).toBe(1);
  const followers = await (await request.get(`${actor}/followers`, { headers: AP })).json();
  expect(followers.totalItems).toBe(1);
  expect(followers.orderedItems ?? followers.items ?? []).toEqual([]);
  // The publisher sees the count, nothing else.
  await page.goto(causePath);
  await expect(page.getByTestId("follow-button").locator("..")).toContainText("1");

  // A reply is accepted and ignored.
  expect((await request.post(`${followerUrl}/_reply?actor=${encodeURIComponent(actor)}`)).ok()).toBe(true);

  // Nothing from before the follow is sent; a new update arrives once, signed, as an Article.
  const before = (await received(request)).length;
  await worker();
  expect((await received(request)).length).toBe(before);
  await postUpdate(page, manage, "Sammelaktion am Samstag");
  await worker();
  const creates = (await received(request)).filter((a) => a.type === "Create");
  expect(creates).toHaveLength(1);
  const article = creates[0].json.object as Record<string, unknown>;
  expect(article).toMatchObject({ type: "Article", name: "Sammelaktion am Samstag", attributedTo: actor, contentMap: { en: expect.stringContaining("<strong>Samstag</strong>") } });
  expect(String(article.url)).toMatch(new RegExp(`${causePath}/u/[a-z0-9]+$`));
  expect(article.summary).toContain("Samstag");
  await worker();
  expect((await received(request)).filter((a) => a.type === "Create")).toHaveLength(1);

  // The outbox is public and lists it.
  const outbox = await (await request.get(`${actor}/outbox`, { headers: AP })).json();
  expect(outbox.totalItems).toBe(2);
  const firstPage = await (await request.get(outbox.first, { headers: AP })).json();
  expect(firstPage.orderedItems.map((a: { object: { name: string } }) => a.object.name)).toEqual(["Sammelaktion am Samstag", "Before anyone followed"]);

  // A correction is an Update, a deletion a Delete — once each.
  await page.goto(manage);
  await page.getByRole("link", { name: "Correct or delete: Sammelaktion am Samstag" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Correct an update");
  await page.getByLabel("Title").fill("Sammelaktion am Sonntag");
  await page.getByLabel("What did you correct?").fill("Sonntag, nicht Samstag");
  await page.getByRole("button", { name: "Save correction" }).click();
  await expect(page.getByTestId("corrected-notice")).toBeVisible();
  await worker();
  const updates = (await received(request)).filter((a) => a.type === "Update");
  expect(updates).toHaveLength(1);
  expect((updates[0].json.object as Record<string, unknown>).name).toBe("Sammelaktion am Sonntag");
  await page.goto(manage);
  await page.getByRole("link", { name: "Correct or delete: Sammelaktion am Sonntag" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Correct an update");
  await page.getByTestId("delete-update").click();
  await page.getByRole("button", { name: "Yes, delete it for good" }).click();
  await expect(page.getByTestId("deleted-notice")).toBeVisible();
  await worker();
  await worker();
  const deletes = (await received(request)).filter((a) => a.type === "Delete");
  expect(deletes).toHaveLength(1);
  expect((deletes[0].json.object as Record<string, unknown>).type).toBe("Tombstone");
  expect((await request.get(String(article.id), { headers: AP })).status()).toBe(404);

  // Unfollow: it leaves, and nothing more arrives.
  expect((await request.post(`${followerUrl}/_unfollow?actor=${encodeURIComponent(actor)}`)).ok()).toBe(true);
  expect(await followerCount(request, actor)).toBe(0);
  const afterLeaving = (await received(request)).length;
  await postUpdate(page, manage, "Nach dem Entfolgen");
  await worker();
  expect((await received(request)).length).toBe(afterLeaving);
});
