import { describe, expect, it, vi } from "vitest";
import { guardedRoute } from "./http";

describe("guardedRoute", () => {
  it("passes answers through", async () => {
    const route = guardedRoute("test", async () => new Response("ok"));
    expect(await (await route(new Request("http://x/"))).text()).toBe("ok");
  });

  it("turns an unexpected failure into a translated 503 without details", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const route = guardedRoute("test", async () => {
      throw new Error("connection refused: secret details");
    });
    const response = await route(new Request("http://x/", { headers: { "accept-language": "de-DE" } }));
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(body).toContain("Vorübergehend nicht erreichbar");
    expect(body).not.toContain("secret");
  });
});
