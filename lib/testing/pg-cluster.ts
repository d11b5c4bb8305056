/**
 * A throwaway PostgreSQL server for tests and the chaos suite: initdb into a temp dir, a free
 * loopback port, fsync off (data is disposable), stopped and deleted afterwards. Uses the
 * Debian server binaries (/usr/lib/postgresql/<v>/bin). initdb refuses to run as root, so as
 * root every command runs as the `postgres` user through su.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface PgCluster {
  url: string;
  port: number;
  dataDir: string;
  binDir: string;
  /** pg_ctl stop -m fast (the chaos suite restarts it with start()). */
  stopServer(mode?: "fast" | "immediate"): void;
  startServer(): void;
  /** Stops the server and deletes its files. */
  destroy(): void;
}

export function findPostgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, "bin", "postgres")) && fs.existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

function run(binDir: string, cmd: string, args: string[]): void {
  const exe = path.join(binDir, cmd);
  const r = isRoot()
    ? spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", [exe, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ")], { encoding: "utf8" })
    : spawnSync(exe, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
}

export async function startPgCluster(opts: { binDir?: string; maxConnections?: number } = {}): Promise<PgCluster> {
  const binDir = opts.binDir ?? findPostgresBinDir();
  if (!binDir) throw new Error("No PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql).");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "avs-pg-"));
  if (isRoot()) execFileSync("chown", ["-R", "postgres:postgres", dataDir]);
  const port = await freePort();
  run(binDir, "initdb", ["-D", path.join(dataDir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"]);
  const conf = [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dataDir}'`,
    "fsync = off",
    "synchronous_commit = off",
    "full_page_writes = off",
    `max_connections = ${opts.maxConnections ?? 300}`,
    "shared_buffers = 64MB",
  ].join("\n");
  fs.appendFileSync(path.join(dataDir, "data", "postgresql.conf"), `\n${conf}\n`);
  const startServer = () => run(binDir, "pg_ctl", ["-D", path.join(dataDir, "data"), "-l", path.join(dataDir, "server.log"), "-w", "-t", "60", "start"]);
  const stopServer = (mode: "fast" | "immediate" = "fast") => run(binDir, "pg_ctl", ["-D", path.join(dataDir, "data"), "-m", mode, "-w", "stop"]);
  startServer();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    binDir,
    startServer,
    stopServer,
    destroy() {
      try {
        stopServer("immediate");
      } catch {
        /* already stopped */
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
