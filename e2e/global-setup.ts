import fs from "node:fs";

export default async function globalSetup() {
  fs.mkdirSync("test-results/screenshots", { recursive: true });
}
