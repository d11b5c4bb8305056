#!/usr/bin/env node
// `npx avs` entry: loads the TypeScript CLI through tsx (a dependency), so it runs from a checkout.
import { register } from "tsx/esm/api";
import { fileURLToPath } from "node:url";
import path from "node:path";

register({ tsconfig: path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "tsconfig.json") });
const { main } = await import("../cli/avs.ts");
process.exitCode = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s + "\n"),
  err: (s) => process.stderr.write(s + "\n"),
  env: process.env,
});
