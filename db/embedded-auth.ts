/**
 * Password authentication in front of the embedded PostgreSQL. PGlite's socket server trusts
 * every connection, so the TCP port clients use is this small gate: it answers the startup
 * (declining TLS), asks for an MD5 password (PostgreSQL protocol v3 §55.2.2, "Start-up";
 * AuthenticationMD5Password and PasswordMessage in §55.7 "Message Formats", postgresql.org,
 * read 2026-11), checks it, and only then pipes the connection to PGlite, which listens on a
 * Unix socket in a private (0700) directory. Wrong password: FATAL 28P01, connection closed.
 */
import net from "node:net";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

function md5(s: Buffer | string): string {
  return createHash("md5").update(s).digest("hex");
}

/** What a client sends for user/password and salt: "md5" + md5(md5(password + user) + salt). */
export function md5PasswordResponse(user: string, password: string, salt: Buffer): string {
  return `md5${md5(Buffer.concat([Buffer.from(md5(password + user)), salt]))}`;
}

function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.concat([
    Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0`, "utf8"),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write("E", 0);
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}

function startupParams(packet: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  const parts = packet.subarray(8).toString("utf8").split("\0");
  for (let i = 0; i + 1 < parts.length; i += 2) if (parts[i]) out[parts[i]] = parts[i + 1];
  return out;
}

export function startPasswordGate(opts: { host: string; port: number; password: string; upstreamPath: string }): Promise<net.Server> {
  const server = net.createServer((client) => {
    let buf = Buffer.alloc(0);
    let stage: "startup" | "password" | "done" = "startup";
    let startup: Buffer | null = null;
    let user = "";
    const salt = randomBytes(4);
    const fail = (msg: string) => {
      client.end(errorResponse("28P01", msg));
    };
    client.on("error", () => client.destroy());
    client.on("data", function onData(chunk) {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (stage === "startup") {
          if (buf.length < 8) return;
          const len = buf.readInt32BE(0);
          if (len < 8 || len > 10_000) return fail("invalid startup packet");
          if (buf.length < len) return;
          const code = buf.readInt32BE(4);
          const packet = buf.subarray(0, len);
          buf = buf.subarray(len);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            client.write("N"); // no TLS on loopback; the client goes on in plain text
            continue;
          }
          if (code === CANCEL_REQUEST) {
            // Cancel keys are PGlite's; forward and close like PostgreSQL does.
            const up = net.connect(opts.upstreamPath, () => up.end(packet));
            up.on("error", () => undefined);
            client.end();
            return;
          }
          startup = Buffer.from(packet);
          user = startupParams(startup).user ?? "";
          const req = Buffer.alloc(13);
          req.write("R", 0);
          req.writeInt32BE(12, 1);
          req.writeInt32BE(5, 5);
          salt.copy(req, 9);
          client.write(req);
          stage = "password";
          continue;
        }
        if (stage === "password") {
          if (buf.length < 5) return;
          const len = buf.readInt32BE(1);
          if (buf[0] !== 0x70 /* 'p' */ || len < 5 || len > 1000) return fail("expected a password message");
          if (buf.length < len + 1) return;
          const given = Buffer.from(buf.subarray(5, len + 1).toString("utf8").replace(/\0$/, ""));
          buf = buf.subarray(len + 1);
          const expected = Buffer.from(md5PasswordResponse(user, opts.password, salt));
          if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
            return fail(`password authentication failed for user "${user}"`);
          }
          stage = "done";
          client.off("data", onData);
          client.pause();
          const up = net.connect(opts.upstreamPath, () => {
            up.write(startup!);
            if (buf.length) up.write(buf);
            client.pipe(up);
            up.pipe(client);
            client.resume();
          });
          up.on("error", () => client.destroy());
          client.on("close", () => up.destroy());
          up.on("close", () => client.destroy());
          return;
        }
        return;
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve(server));
  });
}
