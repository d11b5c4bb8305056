/**
 * Email + password sign-in, throttled, with the same work for known and unknown accounts:
 * an unknown email (or an OAuth-only account without a password) is checked against a dummy
 * scrypt hash with the same parameters, so response time does not reveal which addresses
 * have accounts.
 */
import { getDb } from "@/db/client";
import { findUserByEmail } from "@/db/queries/accounts";
import { hashPassword, verifyPassword } from "./password";
import { emailSchema } from "./validation";
import { accountKey, addressKey, clearAccount, recordFailure, systemClock, throttleMessage, throttleState, type Clock } from "./throttle";

let dummy: Promise<string> | undefined;
/** A real hash of a random password, made once per process with the live parameters. */
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  return dummy;
}

export type AuthResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" | "throttled"; message: string };

export interface AuthDeps {
  clock?: Clock;
  /** The password check; tests pass the real one wrapped to count calls. */
  verify?: (password: string, stored: string) => Promise<boolean>;
}

const INVALID = "That email and password do not match. Check both, or create an account.";

export async function authenticate(
  input: { email: unknown; password: unknown; clientAddress?: string | null },
  deps: AuthDeps = {},
): Promise<AuthResult> {
  const clock = deps.clock ?? systemClock;
  const verify = deps.verify ?? verifyPassword;
  const password = typeof input.password === "string" ? input.password : "";
  const parsed = emailSchema.safeParse(typeof input.email === "string" ? input.email : "");
  if (!parsed.success || !password || password.length > 200) return { ok: false, reason: "invalid", message: INVALID };
  const email = parsed.data;
  const keys = [accountKey(email), ...(input.clientAddress ? [addressKey(input.clientAddress)] : [])];

  const state = await throttleState(keys, clock);
  if (state.locked) return { ok: false, reason: "throttled", message: throttleMessage(state.retryAfterMs) };

  const user = await findUserByEmail(getDb(), email);
  const stored = user?.passwordHash ?? (await dummyHash());
  const matches = await verify(password, stored);
  if (user?.passwordHash && matches) {
    await clearAccount(email);
    return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
  }
  await recordFailure({ account: accountKey(email), address: input.clientAddress ? addressKey(input.clientAddress) : null }, clock);
  // The failure that starts a lock says so at once, rather than on the next try.
  const after = await throttleState(keys, clock);
  if (after.locked) return { ok: false, reason: "throttled", message: throttleMessage(after.retryAfterMs) };
  return { ok: false, reason: "invalid", message: INVALID };
}

/**
 * The client's address as the custom server recorded it (server.ts sets x-avs-client-ip from
 * the socket and drops any copy the client sent), so it cannot be forged by a header.
 */
export function clientAddressFrom(headers: Record<string, string | string[] | undefined> | Headers | undefined): string | null {
  if (!headers) return null;
  const v = headers instanceof Headers ? headers.get("x-avs-client-ip") : headers["x-avs-client-ip"];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.length <= 100 ? s : null;
}
