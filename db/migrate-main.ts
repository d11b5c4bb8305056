import { runMigrations } from "./migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the PostgreSQL to migrate (npm run dev migrates the embedded one itself).");
  process.exit(1);
}
await runMigrations(url);
console.log("migrations applied");
