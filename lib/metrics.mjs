// The process's Prometheus metrics (prom-client), shared by the app's HTTP server
// (scripts/server.mjs counts every request) and /api/metrics (which adds what the database knows:
// deliveries and workers). Plain JavaScript for the same reason as lib/log.mjs.
import client from "prom-client";

const KEY = Symbol.for("herzensthema.metrics");

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "herzensthema_" });
  return {
    registry,
    requests: new client.Counter({
      name: "herzensthema_http_requests_total",
      help: "HTTP requests answered by this process, by route (the page or API pattern, never the path itself), method and status",
      labelNames: ["route", "method", "status"],
      registers: [registry],
    }),
    duration: new client.Histogram({
      name: "herzensthema_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its answer, by route",
      labelNames: ["route"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
  };
}

/** This process's metrics: one registry even when this module is loaded twice (server and app bundle). */
export function processMetrics() {
  return (globalThis[KEY] ??= create());
}

export { client as prometheus };
