import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, staticHeaderRules, TOKEN_PATHS } from "./headers";

const directives = (csp: string) => Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

describe("contentSecurityPolicy", () => {
  it("allows only scripts with this response's nonce, and nothing that re-targets or embeds", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "abc123", dev: false, https: true }));
    expect(csp["script-src"]).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp["object-src"]).toBe("'none'");
    expect(csp["base-uri"]).toBe("'none'");
    expect(csp["form-action"]).toBe("'self'");
    expect(csp["frame-ancestors"]).toBe("'none'");
    expect(csp).toHaveProperty("upgrade-insecure-requests");
    expect(JSON.stringify(csp)).not.toContain("unsafe-eval");
  });
  it("adds eval only in development, and an OAuth provider's form target only when configured", () => {
    expect(contentSecurityPolicy({ nonce: "n", dev: true, https: false })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: "n", dev: false, https: false })).not.toContain("upgrade-insecure-requests");
    expect(directives(contentSecurityPolicy({ nonce: "n", dev: false, https: false, extraFormActions: ["https://github.com"] }))["form-action"]).toBe("'self' https://github.com");
  });
  it("gets a fresh, unguessable nonce every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("staticHeaderRules", () => {
  it("send nosniff and a Permissions-Policy everywhere, and no Referer from pages whose URL carries a token", () => {
    const rules = staticHeaderRules();
    const all = rules.find((r) => r.source === "/(.*)")!;
    expect(all.headers).toEqual(expect.arrayContaining([{ key: "X-Content-Type-Options", value: "nosniff" }]));
    expect(all.headers.find((h) => h.key === "Permissions-Policy")?.value).toContain("camera=()");
    for (const source of TOKEN_PATHS) {
      expect(rules.find((r) => r.source === source)?.headers).toEqual([{ key: "Referrer-Policy", value: "no-referrer" }]);
    }
    // Token rules come after the general one, so they win.
    expect(rules.indexOf(all)).toBeLessThan(rules.findIndex((r) => r.source === TOKEN_PATHS[0]));
  });
});
