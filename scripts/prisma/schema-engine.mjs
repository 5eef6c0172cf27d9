#!/usr/bin/env node
// A stand-in for Prisma's native `schema-engine` binary, backed by @prisma/schema-engine-wasm.
//
// Why: the Prisma 7 CLI downloads a native schema engine on first use, which fails without
// internet. The CLI accepts any executable via PRISMA_SCHEMA_ENGINE_BINARY (prisma.config.ts
// points it here) and talks to it in the same three ways it talks to the real binary:
//
//   schema-engine --version                            print a version line
//   schema-engine --datasource '{"url":…}' cli <cmd>   can-connect-to-database | create-database | drop-database
//   schema-engine --datamodels <file>… --datasource '{"url":…,"shadowDatabaseUrl":…}'
//                                                      JSON-RPC 2.0, one JSON object per line on stdin/stdout
//
// The Wasm engine does the real work (diffing, migration history, SQL generation). It cannot open
// database connections itself; it is given a Prisma driver adapter factory (better-sqlite3 or pg)
// with `connect()` for the main database and `connectToShadowDb()` for the shadow database.
//
// Logging: the CLI reads stderr line by line as JSON log records ({level, fields: {message}}) and
// shows the last ERROR one when the engine exits badly, so all diagnostics below use that format.
// Set SCHEMA_ENGINE_SHIM_DEBUG=1 to also log every request and the Wasm engine's own log lines.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";
import { isPostgresUrl } from "../../lib/db-url.mjs";

const require = createRequire(import.meta.url);
// The Wasm package exports no package.json; find its folder through the bindings module.
const WASM_DIR = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
const DEBUG = Boolean(process.env.SCHEMA_ENGINE_SHIM_DEBUG);

// ---------------------------------------------------------------------------------------------
// Logging (stderr, JSON lines as the native engine writes them)

function log(level, message, extra = {}) {
  const record = { timestamp: new Date().toISOString(), level, fields: { message, ...extra }, target: "schema_engine::logger" };
  process.stderr.write(JSON.stringify(record) + "\n");
}
const debug = (message) => DEBUG && log("DEBUG", message);

// ---------------------------------------------------------------------------------------------
// Command line

function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, cli: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--version" || arg === "-V") args.version = true;
    else if (arg === "--help" || arg === "-h") args.help = true;
    else if (arg === "--datamodels" || arg === "-d") args.datamodels.push(argv[++i]);
    else if (arg === "--datasource") args.datasource = JSON.parse(argv[++i]);
    else if (arg === "--enabled-preview-features" || arg === "--extension-types") i++; // not used by the Wasm engine
    else if (arg === "cli") args.cli = argv[++i];
    else log("WARN", `schema-engine shim: ignoring unknown argument ${arg}`);
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Databases: which provider, and how to reach it

/** "sqlite" | "postgres", from the datamodel's datasource block if we have one, else from the URL. */
function detectProvider(url, datamodels = []) {
  for (const [, content] of datamodels) {
    const block = /datasource\s+\w+\s*\{([^}]*)\}/.exec(content);
    const provider = block && /provider\s*=\s*"([^"]+)"/.exec(block[1]);
    if (provider) return provider[1] === "sqlite" ? "sqlite" : provider[1].startsWith("postgres") ? "postgres" : provider[1];
  }
  if (isPostgresUrl(url)) return "postgres";
  if (/^file:/.test(url ?? "")) return "sqlite";
  throw new UserError("P1013", `The provided database string is invalid. Expected a postgres:// or file: URL, got ${redact(url)}.`);
}

/** The file behind a `file:` URL. Relative paths are relative to the working directory (the
 *  project root, where the CLI starts us), exactly as the app's better-sqlite3 adapter resolves them. */
function sqlitePath(url) {
  const raw = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return raw === ":memory:" ? raw : path.resolve(process.cwd(), raw);
}

function redact(url) {
  return String(url).replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

/** A user-facing error in the engine's format: the CLI prints "<code>\n\n<message>". */
class UserError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** Map pg/socket errors to the Prisma error codes the CLI knows (P1000, P1001, P1003, …). */
function pgUserError(error, url) {
  const u = new URL(url);
  const location = `${u.hostname}:${u.port || 5432}`;
  const database = decodeURIComponent(u.pathname.slice(1)) || "postgres";
  switch (error.code) {
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
      return new UserError("P1001", `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.`);
    case "28P01":
    case "28000":
      return new UserError("P1000", `Authentication failed against database server at \`${location}\`, the provided database credentials for \`${u.username}\` are not valid.`);
    case "3D000":
      return new UserError("P1003", `Database \`${database}\` does not exist on the database server at \`${location}\`.`);
    case "42P04":
      return new UserError("P1009", `Database \`${database}\` already exists on the database server at \`${location}\``);
    case "42501":
      return new UserError("P1010", `User \`${u.username}\` was denied access on the database \`${database}\``);
    default:
      return error;
  }
}

const pg = () => require("pg");

/**
 * A pg.Client that reports `"char"` columns as `text`. Postgres' internal one-byte `"char"` type
 * (OID 18: pg_class.relkind, pg_constraint.contype, …) shows up in the engine's introspection
 * queries, and @prisma/adapter-pg rejects result columns of types it does not know
 * (UnsupportedNativeDataType). Its text form is the character itself, so reading it as text is lossless.
 */
let CharAsTextClient;
function charAsTextClient() {
  const fix = (result) => {
    for (const r of [].concat(result ?? [])) for (const f of r?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return result;
  };
  return (CharAsTextClient ??= class extends pg().Client {
    query(config, values, callback) {
      if (typeof values === "function") return super.query(config, (err, res) => values(err, err ? res : fix(res)));
      if (typeof callback === "function") return super.query(config, values, (err, res) => callback(err, err ? res : fix(res)));
      const result = super.query(config, values);
      return result && typeof result.then === "function" ? result.then(fix) : result;
    }
  });
}

function pgConfig(url, database) {
  const config = { connectionString: url, Client: charAsTextClient(), max: 4 };
  if (database) {
    const u = new URL(url);
    u.pathname = "/" + encodeURIComponent(database);
    config.connectionString = u.toString();
  }
  return config;
}

/** Run one statement on a fresh connection (used for CREATE/DROP DATABASE and probes). */
async function pgRun(url, sql) {
  const client = new (pg().Client)({ connectionString: url });
  try {
    await client.connect();
    return await client.query(sql);
  } catch (error) {
    throw pgUserError(error, url);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The same server, a different database (for CREATE/DROP DATABASE, which cannot run in the target). */
function pgMaintenanceUrl(url) {
  const u = new URL(url);
  u.pathname = "/postgres";
  return u.toString();
}

const pgIdent = (name) => `"${String(name).replaceAll('"', '""')}"`;

// ---------------------------------------------------------------------------------------------
// Driver adapter factories for the Wasm engine

/**
 * Track everything we open so it can be closed when the CLI hangs up: the pg pools keep the
 * event loop alive, and temporary shadow databases must not be left behind.
 */
const openAdapters = new Set();
const tempDatabases = new Map(); // name -> maintenance url

function tracked(adapter, onDispose) {
  const dispose = adapter.dispose.bind(adapter);
  let disposed = false;
  adapter.dispose = async () => {
    if (disposed) return;
    disposed = true;
    openAdapters.delete(adapter);
    await dispose();
    await onDispose?.();
  };
  openAdapters.add(adapter);
  return adapter;
}

function sqliteFactory(url, shadowDatabaseUrl) {
  const { PrismaBetterSqlite3 } = require("@prisma/adapter-better-sqlite3");
  const open = async (fileUrl) => {
    const file = sqlitePath(fileUrl);
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    const adapter = await new PrismaBetterSqlite3({ url: file === ":memory:" ? file : `file:${file}` }).connect();
    // Replaying a migration into the shadow database goes through executeRaw, which
    // better-sqlite3 runs as one prepared statement and rejects ("contains more than one
    // statement"). Scripts without parameters run fine through exec(), which is what
    // executeScript uses, so fall back to that.
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (error) {
        const multi = /more than one statement/i.test(String(error?.message ?? error?.cause?.message ?? ""));
        if (!multi || query.args.length > 0) throw error;
        await adapter.executeScript(query.sql);
        return 0;
      }
    };
    return tracked(adapter);
  };
  return {
    provider: "sqlite",
    adapterName: "@prisma/adapter-better-sqlite3",
    connect: () => open(url),
    // An in-memory database is a perfect throwaway shadow database.
    connectToShadowDb: () => open(shadowDatabaseUrl ?? ":memory:"),
  };
}

function postgresFactory(url, shadowDatabaseUrl) {
  const { PrismaPg } = require("@prisma/adapter-pg");
  const connectTo = async (config, onDispose) => {
    const adapter = await new PrismaPg(config).connect();
    // @prisma/adapter-pg's executeScript splits the script on every ";" (breaking on semicolons
    // inside strings or function bodies). The native engine sends a migration script to Postgres
    // in one piece over the simple query protocol, which also makes it one implicit transaction;
    // do the same.
    adapter.executeScript = async (script) => {
      try {
        await adapter.underlyingDriver().query(script);
      } catch (error) {
        adapter.onError(error);
      }
    };
    return tracked(adapter, onDispose);
  };
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectTo(pgConfig(url)),
    async connectToShadowDb() {
      if (shadowDatabaseUrl) return connectTo(pgConfig(shadowDatabaseUrl));
      // No configured shadow database: create a uniquely named temporary one on the same server
      // and drop it when the engine is done with it (or when we exit, whichever comes first).
      // (The adapter's own connectToShadowDb drops the database before closing its pool, which
      // Postgres refuses while those connections are open.)
      const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      const admin = await pickAdminUrl(url);
      await pgRun(admin, `CREATE DATABASE ${pgIdent(name)}`);
      tempDatabases.set(name, admin);
      return connectTo(pgConfig(url, name), () => dropTempDatabase(name));
    },
  };
}

/** CREATE DATABASE needs a connection to some other database: the target one, if it exists, else `postgres`. */
async function pickAdminUrl(url) {
  try {
    await pgRun(url, "SELECT 1");
    return url;
  } catch {
    return pgMaintenanceUrl(url);
  }
}

async function dropTempDatabase(name) {
  const admin = tempDatabases.get(name);
  if (!admin) return;
  tempDatabases.delete(name);
  await pgRun(admin, `DROP DATABASE IF EXISTS ${pgIdent(name)} WITH (FORCE)`).catch((error) =>
    log("WARN", `could not drop temporary shadow database ${name}: ${error.message}`),
  );
}

// ---------------------------------------------------------------------------------------------
// `cli <command>`: one-shot commands the CLI runs before connecting (e.g. `migrate dev` creating
// a missing database). Exit 0 on success; on failure, JSON log lines on stderr. The CLI skips the
// first stderr line and looks for an ERROR record with fields.error_code/fields.message.

async function databaseExists(provider, url) {
  if (provider === "sqlite") {
    const file = sqlitePath(url);
    if (file !== ":memory:" && !fs.existsSync(file)) {
      throw new UserError("P1003", `Database \`${path.basename(file)}\` does not exist at \`${file}\`.`);
    }
    return;
  }
  await pgRun(url, "SELECT 1");
}

async function createDatabase(provider, url) {
  if (provider === "sqlite") {
    const file = sqlitePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.closeSync(fs.openSync(file, "a"));
    return path.basename(file);
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await pgRun(pgMaintenanceUrl(url), `CREATE DATABASE ${pgIdent(name)}`);
  return name;
}

async function dropDatabase(provider, url) {
  if (provider === "sqlite") {
    fs.rmSync(sqlitePath(url), { force: true });
    return;
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await pgRun(pgMaintenanceUrl(url), `DROP DATABASE IF EXISTS ${pgIdent(name)} WITH (FORCE)`);
}

async function runCliCommand(command, datasource) {
  log("INFO", `schema-engine shim: cli ${command}`); // the CLI discards the first stderr line
  const url = datasource?.url;
  const provider = detectProvider(url);
  switch (command) {
    case "can-connect-to-database":
      return databaseExists(provider, url);
    case "create-database":
      return void (await createDatabase(provider, url));
    case "drop-database":
      return dropDatabase(provider, url);
    default:
      throw new UserError(undefined, `Unknown cli command: ${command}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The Wasm engine

let lastPanicMessage;

async function loadWasmEngine() {
  // Where the engine reports a Rust panic message (see set_message in schema_engine_bg.js).
  globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (message) => (lastPanicMessage = message) };
  // The package's main module imports the .wasm file as an ES module, which Node 20 cannot do
  // without a flag; instantiate the module by hand and hand it to the generated bindings instead.
  const runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmModule = new WebAssembly.Module(fs.readFileSync(path.join(WASM_DIR, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(wasmModule, { "./schema_engine_bg.js": runtime });
  runtime.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return runtime;
}

/** The engine wants the factory wrapped so JS errors cross into Rust as registered error ids. */
function bindFactory(factory) {
  // Resolve driver-adapter-utils through the adapter package that depends on it (it is not a direct dependency).
  const utils = createRequire(require.resolve("@prisma/adapter-pg"))("@prisma/driver-adapter-utils");
  return utils.bindMigrationAwareSqlAdapterFactory(factory);
}

/** Turn whatever the engine threw into a JSON-RPC error object the CLI understands. */
function toRpcError(error) {
  if (error instanceof WebAssembly.RuntimeError || lastPanicMessage) {
    const message = lastPanicMessage ?? String(error?.message ?? error);
    lastPanicMessage = undefined;
    return { code: 4466, message: "An error happened. Check the data field for details.", data: { is_panic: true, message, backtrace: error?.stack } };
  }
  const message = String(error?.message ?? error);
  const code = typeof error?.code === "string" && /^P\d{4}$/.test(error.code) ? error.code : undefined;
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: { is_panic: false, message, error_code: code, meta: error?.meta ?? null },
  };
}

// ---------------------------------------------------------------------------------------------
// JSON-RPC server

function send(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

// Requests *we* send to the CLI (only "print"), waiting for its acknowledgement.
const outgoing = new Map();
function callCli(method, params) {
  const id = `shim-${randomUUID()}`;
  return new Promise((resolve) => {
    outgoing.set(id, resolve);
    send({ jsonrpc: "2.0", id, method, params });
  });
}

async function serve(args) {
  const datamodels = args.datamodels.map((file) => [file, fs.readFileSync(file, "utf8")]);
  const url = args.datasource?.url;
  const shadowDatabaseUrl = args.datasource?.shadowDatabaseUrl;
  const provider = detectProvider(url, datamodels);

  let enginePromise;
  const engine = () =>
    (enginePromise ??= (async () => {
      if (!url) throw new UserError(undefined, "No datasource url: set datasource.url in prisma.config.ts.");
      const runtime = await loadWasmEngine();
      const factory = provider === "sqlite" ? sqliteFactory(url, shadowDatabaseUrl) : postgresFactory(url, shadowDatabaseUrl);
      const options = { datamodels: datamodels.length ? datamodels : undefined }; // must be undefined or non-empty
      return runtime.SchemaEngine.new(options, (line) => debug(`[wasm] ${line}`), bindFactory(factory));
    })());

  /**
   * On a database without `_prisma_migrations`, the Wasm engine's history checks fail with P1014
   * ("table does not exist") where the native engine would treat the history as empty. For the
   * commands that write anyway (migrate dev, migrate resolve), apply an empty migration list
   * first: that creates the (empty) table and nothing else, as their first real step would.
   */
  const ensureMigrationsTable = async (input) => {
    if (!input?.migrationsList) return;
    const { migrationsList, filters } = input;
    await (await engine()).applyMigrations({
      migrationsList: { ...migrationsList, migrationDirectories: [] },
      filters: filters ?? { externalTables: [], externalEnums: [] },
    });
  };

  /**
   * `evaluateDataLoss` and `createMigration` (migrate dev) need the schema the migration history
   * produces. The Wasm engine only knows how to build it through the adapter's shadow database in
   * the history checks (diagnoseMigrationHistory/devDiagnostic), which cache the result; on their
   * own, these two fail with "shadow DB must be provided through an external factory" whenever the
   * history is not empty. So run the history check (with the shadow database) first, once per
   * migration list, to fill that cache.
   */
  const warmedHistories = new Set();
  const warmMigrationSchemaCache = async (input) => {
    const key = JSON.stringify(input.migrationsList.migrationDirectories);
    if (input.migrationsList.migrationDirectories.length === 0 || warmedHistories.has(key)) return;
    await ensureMigrationsTable(input);
    await (await engine()).diagnoseMigrationHistory({
      migrationsList: input.migrationsList,
      optInToShadowDatabase: true,
      filters: input.filters ?? { externalTables: [], externalEnums: [] },
    });
    warmedHistories.add(key);
  };

  const isMissingMigrationsTable = (error) => error?.code === "P1014" && /_prisma_migrations/.test(error?.message ?? "");

  const handlers = {
    async diff(params) {
      const { stdout, ...rest } = await (await engine()).diff(params);
      // The native engine prints through a "print" request to the CLI (which also honours
      // `migrate diff --output`); the CLI adds the newline itself.
      if (stdout) await callCli("print", { content: stdout.replace(/\n$/, "") });
      return { ...rest, stdout: null };
    },
    async getDatabaseVersion(params) {
      return (await engine()).version(params ?? null);
    },
    async createDatabase(params) {
      const target = params?.datasource;
      const targetUrl = target?.tag === "ConnectionString" ? target.url : url;
      return { databaseName: await createDatabase(detectProvider(targetUrl), targetUrl) };
    },
    async diagnoseMigrationHistory(params) {
      // Read-only (`migrate status`): instead of creating the table, answer what the native
      // engine answers for a database without migrations table: nothing applied yet.
      try {
        return await (await engine()).diagnoseMigrationHistory(params);
      } catch (error) {
        if (!isMissingMigrationsTable(error)) throw error;
        const names = params.migrationsList.migrationDirectories.map((d) => d.path);
        return {
          editedMigrationNames: [],
          failedMigrationNames: [],
          hasMigrationsTable: false,
          history: names.length ? { diagnostic: "databaseIsBehind", unappliedMigrationNames: names } : null,
        };
      }
    },
    async devDiagnostic(params) {
      await ensureMigrationsTable(params);
      return (await engine()).devDiagnostic(params);
    },
    async evaluateDataLoss(params) {
      await warmMigrationSchemaCache(params);
      return (await engine()).evaluateDataLoss(params);
    },
    async createMigration(params) {
      await warmMigrationSchemaCache(params);
      return (await engine()).createMigration(params);
    },
    async markMigrationApplied(params) {
      await ensureMigrationsTable(params);
      return (await engine()).markMigrationApplied(params);
    },
  };
  // Everything else maps 1:1 onto a Wasm engine method of the same name.
  const passthrough = [
    "applyMigrations",
    "dbExecute",
    "ensureConnectionValidity",
    "introspect",
    "introspectSql",
    "markMigrationRolledBack",
    "reset", // SQLite: drops every table with foreign keys off (the file stays), Postgres: drops the schema
    "schemaPush",
    "debugPanic",
  ];
  for (const method of passthrough) {
    handlers[method] ??= async (params) => {
      const e = await engine();
      return e[method](params); // call on the instance: the bindings need `this`
    };
  }

  async function handle(request) {
    const { id, method, params } = request;
    debug(`-> ${method} ${JSON.stringify(params ?? null).slice(0, 500)}`);
    const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
    if (!handler) {
      log("WARN", `schema-engine shim: unsupported method ${method}`);
      return send({ jsonrpc: "2.0", id, error: { code: -32601, message: `Method not found: ${method} (not supported by the Wasm schema engine shim)` } });
    }
    try {
      const result = await handler(params);
      send({ jsonrpc: "2.0", id, result: result ?? {} });
    } catch (error) {
      debug(`<- ${method} failed: ${error?.stack ?? error}`);
      send({ jsonrpc: "2.0", id, error: toRpcError(error) });
    }
  }

  // Requests are handled one at a time, in order, like the native engine does.
  let queue = Promise.resolve();
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  input.on("line", (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
    }
    if (message.method === undefined && outgoing.has(message.id)) {
      outgoing.get(message.id)(message);
      outgoing.delete(message.id);
      return;
    }
    queue = queue.then(() => handle(message));
  });
  input.on("close", () => queue.then(shutdown));
}

// ---------------------------------------------------------------------------------------------
// Shutdown: close connections and drop leftover temporary databases, then exit.
// The CLI closes our stdin when done and kills us shortly after, so SIGTERM also cleans up.

let shuttingDown;
function shutdown(code = 0) {
  shuttingDown ??= (async () => {
    await Promise.allSettled([...openAdapters].map((adapter) => adapter.dispose()));
    await Promise.allSettled([...tempDatabases.keys()].map(dropTempDatabase));
    process.exit(code);
  })();
  return shuttingDown;
}
process.on("SIGTERM", () => shutdown(0));
process.on("SIGINT", () => shutdown(130));

// ---------------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.version) {
    // `prisma version` shows this line. Name the real engine (the Wasm build) honestly.
    const { version } = JSON.parse(fs.readFileSync(path.join(WASM_DIR, "package.json"), "utf8"));
    process.stdout.write(`schema-engine-cli ${version.split(".").pop()} (Wasm shim: @prisma/schema-engine-wasm ${version})\n`);
    return;
  }
  if (args.help) {
    process.stdout.write("Wasm-backed stand-in for Prisma's schema-engine. See scripts/prisma/schema-engine.mjs.\n");
    return;
  }
  if (args.cli) {
    try {
      await runCliCommand(args.cli, args.datasource);
      process.exit(0);
    } catch (error) {
      log("ERROR", error.message, error.code ? { error_code: error.code } : {});
      process.exit(1);
    }
  }
  await serve(args);
}

main().catch((error) => {
  log("ERROR", error?.message ?? String(error), error?.code ? { error_code: error.code } : {});
  process.exit(1);
});
