// Writes a throwaway nginx configuration that uses the shipped deploy/nginx/ rules unchanged, with
// the paths and ports of a test or benchmark: the cache in a temp dir, the app on `appPort`, nginx
// on `port`. Used by scripts/bench-http.mjs and e2e/nginx.spec.ts.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

// No import.meta here: Playwright's loader (e2e/nginx.spec.ts) reads this file as CommonJS.
const shipped = (root, name) => fs.readFileSync(path.join(root, "deploy/nginx", name), "utf8");

/** The nginx binary on this machine, or null (apt-get install -y nginx). */
export function nginxBinary() {
  for (const candidate of ["nginx", "/usr/sbin/nginx"]) {
    if (spawnSync(candidate, ["-v"], { stdio: "ignore" }).status === 0) return candidate;
  }
  return null;
}

/**
 * nginx.conf in `dir` (from the checkout at `root`) for the app on appPort, listening on port, with extra server blocks (e.g. a
 * static file for comparison). Returns the arguments to start nginx in the foreground.
 */
export function writeNginxConfig({ root, dir, appPort, port, extraServers = "" }) {
  fs.mkdirSync(path.join(dir, "cache"), { recursive: true });
  fs.chmodSync(dir, 0o755);
  const http = shipped(root, "herzensthema-http.conf")
    .replace("/var/cache/nginx/herzensthema", path.join(dir, "cache"))
    .replace("127.0.0.1:3000", `127.0.0.1:${appPort}`);
  const locations = shipped(root, "herzensthema-locations.conf").replace("/var/log/nginx/herzensthema.access.log", path.join(dir, "access.log"));
  fs.writeFileSync(path.join(dir, "herzensthema-locations.conf"), locations);
  const temp = (name) => `${name}_temp_path ${path.join(dir, `${name}-temp`)};`;
  fs.writeFileSync(
    path.join(dir, "nginx.conf"),
    `daemon off;
worker_processes 1;
pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "error.log")} warn;
events { worker_connections 1024; }
http {
  ${["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(temp).join("\n  ")}
  keepalive_requests 1000000;
${http}
  server {
    listen 127.0.0.1:${port};
    include ${path.join(dir, "herzensthema-locations.conf")};
  }
${extraServers}
}
`,
  );
  return ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")];
}
