/**
 * Being found: a favicon and icons (no 404 in any page's console), a web app manifest, robots.txt
 * that keeps personal and token pages out, and a sitemap of what is public, each read with an
 * independent parser.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import robotsParser from "robots-parser";
import { expect, test } from "./fixtures";
import { publishCauseWithUpdate, signIn, snap, uniqueEmail } from "./helpers";

test("favicon, icons and the manifest are there; pages log no missing file", async ({ page, request }) => {
  const missing: string[] = [];
  page.on("response", (response) => response.status() === 404 && missing.push(response.url()));
  await page.goto("/");
  await page.goto("/c/saubere-spree");
  expect(missing).toEqual([]);
  for (const [path, type] of [["/favicon.ico", /image\/(x-icon|vnd\.microsoft\.icon)/], ["/icon.svg", /image\/svg\+xml/], ["/apple-icon.png", /image\/png/], ["/icons/icon-192.png", /image\/png/], ["/icons/icon-512.png", /image\/png/]] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toMatch(type);
  }
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = await (await request.get(manifestHref!)).json();
  expect(manifest).toMatchObject({ name: "Herzensthema", start_url: "/", display: "standalone" });
  for (const icon of manifest.icons) expect((await request.get(icon.src)).status(), icon.src).toBe(200);
});

test("robots.txt closes personal and token pages; the sitemap lists what is public and nothing else", async ({ page, request, baseURL }) => {
  await signIn(page, uniqueEmail("sitemap"), "/dashboard/new");
  const causePath = await publishCauseWithUpdate(page, `Sitemap ${Date.now()}`, "Listed update");
  // A draft is never listed.
  await page.goto("/dashboard/new");
  await page.getByLabel("Title").fill(`Draft ${Date.now()}`);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/created=1$/);
  const draftSlug = await page.getByLabel("Web address", { exact: true }).inputValue();

  const robotsText = await (await request.get("/robots.txt")).text();
  const robots = robotsParser(`${baseURL}/robots.txt`, robotsText);
  for (const open of ["/", "/explore", causePath, "/c/saubere-spree", "/api/feeds/c/saubere-spree/rss"]) {
    expect(robots.isAllowed(`${baseURL}${open}`, "Googlebot"), open).toBe(true);
  }
  for (const closed of ["/feed", "/subscriptions/abc", "/dashboard", "/account", "/admin", "/signin", "/leave/some-token", "/email/confirm/x", "/email/preferences/x", "/api/feeds/me/token/rss", "/dev/outbox"]) {
    expect(robots.isAllowed(`${baseURL}${closed}`, "Googlebot"), closed).toBe(false);
  }
  expect(robots.getSitemaps()).toEqual([`${baseURL}/sitemap.xml`]);

  const response = await request.get("/sitemap.xml");
  expect(response.headers()["content-type"]).toContain("xml");
  const xml = await response.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({ isArray: (name) => name === "url" }).parse(xml);
  const urls: string[] = parsed.urlset.url.map((u: { loc: string }) => u.loc);
  expect(urls).toContain(`${baseURL}${causePath}`);
  expect(urls).toContain(`${baseURL}/c/saubere-spree`);
  expect(urls.some((u) => u.startsWith(`${baseURL}${causePath}/u/`))).toBe(true);
  expect(urls.some((u) => u.startsWith(`${baseURL}/g/`))).toBe(true);
  expect(urls.some((u) => u.includes(draftSlug))).toBe(false);
  // Nothing listed is closed to robots, and every listed page answers.
  for (const url of urls) expect(robots.isAllowed(url, "Googlebot"), url).toBe(true);
  for (const url of urls.slice(0, 10)) expect((await request.get(url)).status(), url).toBe(200);
});

test("a visitor finds a partner group from explore, and each member's page names its group and similar causes", async ({ page, baseURL }) => {
  await page.goto("/explore");
  const groups = page.getByTestId("explore-groups");
  await expect(groups.getByRole("heading", { name: "Partner groups" })).toBeVisible();
  await groups.getByRole("link", { name: "All partner groups" }).click();
  await expect(page).toHaveURL(/\/g$/);
  await expect(page.getByRole("heading", { level: 1, name: "Partner groups" })).toBeVisible();
  await snap(page, "groups-index");
  await page.getByLabel("Search groups").fill("kiez");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/g\?q=kiez$/);
  await expect(page.getByText(/^\d+ groups?$/)).toBeVisible();
  await page.getByRole("link", { name: "Grüner Kiez Berlin" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Grüner Kiez Berlin" })).toBeVisible();
  await page.goto("/g?q=zzzz-nothing");
  await expect(page.getByRole("heading", { name: "No group matches" })).toBeVisible();

  // The founding cause's page names the group; similar causes share a tag (Berlin), German first.
  await page.goto("/c/saubere-spree");
  await expect(page.getByTestId("cause-groups")).toContainText("Part of the partner group Grüner Kiez Berlin");
  const similar = page.getByTestId("similar-causes");
  await expect(similar.getByRole("heading", { name: "Similar causes" })).toBeVisible();
  await expect(similar.getByRole("link", { name: "Mehr Schatten für Schulhöfe" })).toBeVisible();
  await expect(similar.getByRole("link", { name: "Saubere Spree — Müll raus aus dem Fluss" })).toHaveCount(0);
  await page.getByTestId("cause-groups").getByRole("link", { name: "Grüner Kiez Berlin" }).click();
  await expect(page).toHaveURL(/\/g\/gruener-kiez-berlin$/);
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "de", url: baseURL! }]);
  await page.goto("/c/saubere-spree");
  await expect(page.getByTestId("cause-groups")).toContainText("Teil der Partnergruppe Grüner Kiez Berlin");
  await expect(page.getByRole("heading", { name: "Ähnliche Herzensthemen" })).toBeVisible();
  await snap(page, "cause-groups-similar-de");
  await page.goto("/explore");
  await expect(page.getByRole("heading", { name: "Partnergruppen" })).toBeVisible();
  await snap(page, "explore-groups-de");
});

test("a group's admin is offered causes like theirs to invite, without searching", async ({ page }) => {
  await signIn(page, uniqueEmail("likeyours"), "/dashboard");
  await publishCauseWithUpdate(page, `Nachbarschaft ${Date.now()}`, "Erste Neuigkeit");
  await page.goto("/dashboard/groups/new");
  await page.getByLabel("Name").fill(`Reparieren statt wegwerfen ${Date.now()}`);
  await page.getByLabel("The shared concern").fill("Dinge länger nutzen, gemeinsam.");
  await page.getByLabel("Tags").fill("Community");
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page).toHaveURL(/\/dashboard\/groups\/[a-z0-9]+\?created=1$/);
  const like = page.getByTestId("causes-like-yours");
  await expect(like.getByRole("heading", { name: "Causes like yours" })).toBeVisible();
  // The demo Repair Café shares the tag; the admin's own cause is never offered.
  const repair = like.getByTestId("invite-result").filter({ hasText: "Repair Café Südstadt" });
  await expect(repair.getByRole("button", { name: "Send invitation" })).toBeVisible();
  await expect(like.getByTestId("invite-result").filter({ hasText: "Nachbarschaft" })).toHaveCount(0);
});
