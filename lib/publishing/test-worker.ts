/**
 * One publish job run in its own process, for the crash test in publishing.test.ts: the test
 * SIGKILLs this process mid-upload, the way a worker dies on a deploy or an OOM kill (no
 * `finally`, no lease release, the upload request left half-done).
 * Usage: tsx lib/publishing/test-worker.ts <workspaceId> <postId>   (env: the test's DATABASE_URL etc.)
 */
import { advancePost } from "./posts";

async function main() {
  const [workspaceId, postId] = process.argv.slice(2);
  const r = await advancePost(workspaceId, postId, { enqueue: async () => "job", owner: `crash-worker-${process.pid}` });
  process.stdout.write(`${r}\n`);
  process.exit(0);
}

void main();
