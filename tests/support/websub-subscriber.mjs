#!/usr/bin/env node
// A small, independent WebSub subscriber (a feed reader's server) for the tests: its own process
// on loopback. It confirms every verification request to /callback (echoing hub.challenge), refuses
// those to /refuse, and keeps what it was sent. GET /_log returns everything it saw, as JSON.
// Prints {"port": N} once it listens.
import http from "node:http";

const seen = [];
const server = http.createServer((request, response) => {
  const url = new URL(request.url, "http://localhost");
  if (url.pathname === "/_log") {
    response.writeHead(200, { "Content-Type": "application/json" });
    return response.end(JSON.stringify(seen));
  }
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const entry = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    seen.push(entry);
    if (request.method === "GET" && url.pathname === "/callback" && url.searchParams.has("hub.challenge")) {
      response.writeHead(200, { "Content-Type": "text/plain" });
      return response.end(url.searchParams.get("hub.challenge"));
    }
    if (request.method === "GET") {
      response.writeHead(404);
      return response.end("not subscribed");
    }
    response.writeHead(url.pathname === "/callback" ? 204 : 404);
    response.end();
  });
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
