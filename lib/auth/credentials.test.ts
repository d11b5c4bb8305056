import { describe, it, expect } from "vitest";
import { newWorkspace } from "@/lib/testing/fixtures";
import { authenticate } from "./credentials";
import { verifyPassword } from "./password";
import type { Clock } from "./throttle";

const PASSWORD = "password-for-tests"; // what lib/testing/fixtures signs up with

function manualClock(start = Date.UTC(2026, 10, 30, 12)): Clock & { advance(ms: number): void } {
  let t = start;
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

/** The real password check, counting what it was asked to compare against. */
function countingVerify() {
  const calls: string[] = [];
  const verify = async (password: string, stored: string) => {
    calls.push(stored);
    return verifyPassword(password, stored);
  };
  return { calls, verify };
}

const uniqueIp = () => `198.51.100.${Math.floor(Math.random() * 250)}-${Date.now()}-${Math.random()}`;

describe("sign-in throttling", () => {
  /*
   * Mutation tried: skipping the `if (state.locked) return` check in authenticate → the right
   * password after 100 wrong ones signs in, and this test fails.
   */
  it("refuses the right password after 100 wrong ones while locked, with a clear message, and backs off", async () => {
    const ctx = await newWorkspace();
    const clock = manualClock();
    const { calls, verify } = countingVerify();
    const results = [];
    for (let i = 0; i < 100; i++) {
      results.push(await authenticate({ email: ctx.user.email, password: `wrong-${i}`, clientAddress: uniqueIp() }, { clock, verify }));
    }
    expect(results.slice(0, 4).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results[99]).toMatchObject({ ok: false, reason: "throttled", message: "Too many attempts; try again in 1 minute." });
    // Locked attempts are refused before any hashing: guessing costs the server nothing more.
    expect(calls).toHaveLength(5);

    const right = await authenticate({ email: ctx.user.email, password: PASSWORD, clientAddress: uniqueIp() }, { clock, verify });
    expect(right).toMatchObject({ ok: false, reason: "throttled" });

    // After the lock, one more wrong guess doubles it (exponential backoff).
    clock.advance(61_000);
    const again = await authenticate({ email: ctx.user.email.toUpperCase(), password: "wrong-again" }, { clock, verify });
    expect(again).toMatchObject({ ok: false, reason: "throttled", message: "Too many attempts; try again in 2 minutes." });

    clock.advance(121_000);
    const ok = await authenticate({ email: ctx.user.email, password: PASSWORD }, { clock, verify });
    expect(ok).toMatchObject({ ok: true, user: { id: ctx.user.id } });
    // A success clears the account's count: one typo afterwards is just a typo.
    expect(await authenticate({ email: ctx.user.email, password: "typo" }, { clock, verify })).toMatchObject({ reason: "invalid" });
  });

  /*
   * Mutation tried: returning early when findUserByEmail finds nothing (no dummy hash) →
   * `calls` stays empty for the unknown address and this test fails.
   */
  it("does the same scrypt work for an unknown email as for a known one, and throttles it the same way", async () => {
    const ctx = await newWorkspace();
    const clock = manualClock();
    const known = countingVerify();
    const unknown = countingVerify();
    const email = `nobody-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;

    expect(await authenticate({ email: ctx.user.email, password: "wrong" }, { clock, verify: known.verify })).toMatchObject({ reason: "invalid" });
    expect(await authenticate({ email, password: "wrong" }, { clock, verify: unknown.verify })).toMatchObject({ reason: "invalid" });
    expect(known.calls).toHaveLength(1);
    expect(unknown.calls).toHaveLength(1);
    // Same algorithm and cost parameters: scrypt$N$r$p.
    const params = (h: string) => h.split("$").slice(0, 4).join("$");
    expect(params(unknown.calls[0])).toBe(params(known.calls[0]));

    for (let i = 0; i < 4; i++) await authenticate({ email, password: "wrong" }, { clock, verify: unknown.verify });
    expect(await authenticate({ email, password: "wrong" }, { clock, verify: unknown.verify })).toMatchObject({ reason: "throttled" });
  });

  /* Mutation tried: not recording the address key in recordFailure → the 31st account is not locked. */
  // 31 real scrypt runs: slow on a loaded machine, so a generous timeout (nothing here is timed).
  it("locks a client address that guesses across many accounts", { timeout: 300_000 }, async () => {
    const clock = manualClock();
    const ip = uniqueIp();
    const ctx = await newWorkspace();
    const { verify } = countingVerify();
    for (let i = 0; i < 30; i++) {
      await authenticate({ email: `spray-${i}-${Date.now()}@example.com`, password: "Winter2026!", clientAddress: ip }, { clock, verify });
    }
    const r = await authenticate({ email: ctx.user.email, password: PASSWORD, clientAddress: ip }, { clock, verify });
    expect(r).toMatchObject({ ok: false, reason: "throttled" });
    // The same account from another address is unaffected.
    expect(await authenticate({ email: ctx.user.email, password: PASSWORD, clientAddress: uniqueIp() }, { clock, verify })).toMatchObject({ ok: true });
  });
});
