/**
 * In-process, per-workspace mutual exclusion around budget reservations.
 *
 * On a real PostgreSQL the reservation's `SELECT … FOR UPDATE` on the budget row is what
 * serialises requests, across any number of processes. The embedded PGlite is one database
 * session shared by every pooled connection, so row locks never block and its socket
 * multiplexer was seen to let concurrent transactions interleave (6 of 50 racing requests got
 * through a cap that fits 5). Embedded mode is one process by design, so a process-wide
 * mutex closes that gap; it lives on globalThis because Next.js and server.ts load separate
 * copies of this module.
 */
const g = globalThis as unknown as { __avsWorkspaceLocks?: Map<string, Promise<unknown>> };

export async function withWorkspaceLock<T>(workspaceId: string, fn: () => Promise<T>): Promise<T> {
  const locks = (g.__avsWorkspaceLocks ??= new Map());
  const prev = locks.get(workspaceId) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const chained = prev.then(() => mine);
  locks.set(workspaceId, chained);
  await prev;
  try {
    return await fn();
  } finally {
    release();
    if (locks.get(workspaceId) === chained) locks.delete(workspaceId);
  }
}
