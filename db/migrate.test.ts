import { describe, it, expect } from "vitest";
import postgres from "postgres";
import { startEmbeddedPostgres } from "./embedded";
import { runMigrations } from "./migrate";

const EXPECTED_TABLES = [
  "users", "workspaces", "workspace_members", "avatar_profiles", "video_templates", "research_configurations",
  "research_jobs", "video_generations", "generation_attempts", "video_campaigns", "video_analytics_events",
  "budgets", "cost_ledger", "budget_alerts", "api_keys", "webhook_endpoints", "webhook_deliveries", "share_links",
];

async function tablesAt(url: string): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ table_name: string }[]>`select table_name from information_schema.tables where table_schema = 'public'`;
    return rows.map((r) => r.table_name);
  } finally {
    await sql.end();
  }
}

describe("migrations", () => {
  it("apply from zero on the embedded PostgreSQL, twice without error", async () => {
    const pg = await startEmbeddedPostgres();
    try {
      await runMigrations(pg.url);
      await runMigrations(pg.url);
      expect(await tablesAt(pg.url)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    } finally {
      await pg.stop();
    }
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)("apply from zero on the real PostgreSQL server", async () => {
    const server = process.env.TEST_DATABASE_URL!;
    const name = `avs_migrate_${Date.now()}`;
    const admin = postgres(server, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(server);
    u.pathname = `/${name}`;
    try {
      await runMigrations(u.toString());
      expect(await tablesAt(u.toString())).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
