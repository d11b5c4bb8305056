/**
 * A stricter scheduler for @electric-sql/pglite-socket's connection multiplexer.
 *
 * PGlite is a single database session. The stock multiplexer runs protocol messages from
 * different client connections in arrival order and only keeps a connection's messages
 * together while a transaction is open. Outside a transaction the extended-query messages of
 * two connections (Parse/Bind/Execute/Sync) interleave and clobber each other's unnamed
 * portal ("portal \"\" does not exist"); and after any failed message the stock queue stops
 * processing for good. This scheduler gives the session to one connection from its first
 * message until it is idle again: its Sync or simple Query has run and no transaction is open.
 */
import type { PGlite } from "@electric-sql/pglite";

interface Queued {
  handlerId: number;
  message: Uint8Array;
  resolve: (n: number) => void;
  reject: (e: unknown) => void;
  onData: (d: Uint8Array) => void;
}

interface QueueLike {
  queue: Queued[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/** Messages after which a connection that is not inside a transaction gives the session up. */
function endsExchange(message: Uint8Array): boolean {
  const type = message[0];
  // A startup message has no type byte; its first byte is the high byte of its length (0).
  return type === SYNC || type === QUERY || type === TERMINATE || type === 0;
}

export function installSerialScheduler(queue: QueueLike): void {
  let owner: number | null = null;

  queue.processQueue = async function processQueue(this: QueueLike) {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const idx = owner === null ? 0 : this.queue.findIndex((q) => q.handlerId === owner);
        if (idx === -1) break; // the owner's next message has not arrived yet
        const q = this.queue.splice(idx, 1)[0];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(q.message, {
              onRawData: (d: Uint8Array) => {
                bytes += d.length;
                q.onData(d);
              },
            }),
          );
        } catch (err) {
          owner = this.db.isInTransaction() ? q.handlerId : null;
          q.reject(err);
          continue;
        }
        owner = this.db.isInTransaction() || !endsExchange(q.message) ? q.handlerId : null;
        this.lastHandlerId = q.handlerId;
        q.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  queue.clearTransactionIfNeeded = async function clearTransactionIfNeeded(this: QueueLike, handlerId: number) {
    if (owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    owner = null;
    await this.processQueue();
  };
}
