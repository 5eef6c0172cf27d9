// Herzensthema needs Node.js 22 LTS or newer (package.json "engines"): Node 20 is end-of-life
// since 30 April 2026, and better-sqlite3 13 loads only on Node-API 10 (Node 22.12 and later).
// Entry points call this first, so an old Node fails with a sentence instead of a native-module
// error several layers down.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Herzensthema needs Node.js 22.12 or newer; this is ${process.version}.\n` +
      "Install Node.js 22 LTS (https://nodejs.org, your distribution, or a version manager such as nvm or fnm).",
  );
  process.exit(1);
}
