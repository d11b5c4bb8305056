/**
 * Connected accounts: the OAuth dance (state bound to the signed-in user and workspace, PKCE
 * where the platform takes it), tokens encrypted at rest (AES-GCM, AAD = workspace id), a
 * refresh shortly before expiry under a row lock (TikTok rotates refresh tokens, so two
 * concurrent refreshes would lose one), and disconnect with revocation.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connectedAccounts, type SocialPlatform } from "@/db/schema";
import {
  deleteConnectedAccount,
  findConnectedAccount,
  insertOAuthState,
  listConnectedAccounts,
  takeOAuthState,
  upsertConnectedAccount,
  type ConnectedAccountRow,
} from "@/db/queries/publishing";
import { decryptSecret, encryptSecret } from "@/lib/providers/crypto";
import { appSecret } from "@/lib/auth/secret";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { DAILY_CAP, PLATFORM_LABEL, platformConfig, requirePlatformConfig } from "./config";
import { clientFor } from "./clients";
import { PlatformError, isPlatformError } from "./errors";

const STATE_TTL_MS = 10 * 60_000;
/**
 * Refresh when less than this is left, so an upload never starts on a token about to die.
 * Instagram's 60-day token has no refresh token and cannot be renewed once expired, and only
 * the 6-hourly metrics job may touch an idle account: renew it a week ahead.
 */
const MARGIN_MS: Record<SocialPlatform, number> = { tiktok: 10 * 60_000, youtube: 10 * 60_000, instagram: 7 * 86_400_000 };

export interface Caller {
  workspaceId: string;
  userId: string;
}

export function redirectUriFor(platform: SocialPlatform): string {
  return `${(process.env.PUBLISHING_REDIRECT_BASE_URL ?? appUrl()).replace(/\/+$/, "")}/api/publishing/oauth/${platform}/callback`;
}

export async function startConnect(c: Caller, platform: SocialPlatform, now = new Date()): Promise<string> {
  requirePlatformConfig(platform);
  const client = clientFor(platform);
  const state = randomBytes(32).toString("base64url");
  const verifier = client.pkce ? randomBytes(48).toString("base64url") : null;
  const challenge = verifier ? createHash("sha256").update(verifier).digest("base64url") : null;
  const redirectUri = redirectUriFor(platform);
  await insertOAuthState(getDb(), c.workspaceId, {
    state, userId: c.userId, platform, codeVerifier: verifier, redirectUri, expiresAt: new Date(now.getTime() + STATE_TTL_MS),
  });
  return client.authorizeUrl({ state, redirectUri, codeChallenge: challenge });
}

export async function completeConnect(c: Caller, platform: SocialPlatform, q: { code?: string | null; state?: string | null; error?: string | null; errorDescription?: string | null }, now = new Date()) {
  if (q.error) throw new AppError("bad_request", `${PLATFORM_LABEL[platform]} did not connect: ${q.errorDescription || q.error}. Try again from Settings → Connected accounts.`);
  if (!q.code || !q.state) throw new AppError("bad_request", "The sign-in answer is missing its code or state; start again from Settings → Connected accounts.");
  const st = await takeOAuthState(getDb(), c.workspaceId, q.state, c.userId, now);
  if (!st || st.platform !== platform) {
    throw new AppError("bad_request", "This sign-in link is expired or was started by someone else; start again from Settings → Connected accounts.");
  }
  const cfg = requirePlatformConfig(platform);
  const client = clientFor(platform, () => now);
  try {
    const tokens = await client.exchangeCode({ code: q.code, redirectUri: st.redirectUri, codeVerifier: st.codeVerifier });
    const who = await client.identity(tokens.accessToken, tokens);
    const secret = appSecret();
    return await upsertConnectedAccount(getDb(), c.workspaceId, {
      platform,
      externalAccountId: who.externalAccountId,
      displayName: who.displayName,
      scopes: tokens.scopes,
      accessTokenEnc: encryptSecret(tokens.accessToken, secret, c.workspaceId),
      refreshTokenEnc: tokens.refreshToken ? encryptSecret(tokens.refreshToken, secret, c.workspaceId) : null,
      accessTokenExpiresAt: tokens.expiresAt,
      refreshTokenExpiresAt: tokens.refreshExpiresAt,
      unaudited: cfg.unaudited,
      dailyCap: DAILY_CAP[platform],
      createdBy: c.userId,
    });
  } catch (e) {
    if (isPlatformError(e)) throw new AppError("bad_request", `${e.message} Start again from Settings → Connected accounts.`);
    throw e;
  }
}

/** A usable access token, refreshed first when it is about to expire. */
export async function accessTokenFor(workspaceId: string, accountId: string, now = new Date()): Promise<{ token: string; account: ConnectedAccountRow }> {
  const db = getDb();
  const secret = appSecret();
  const acct = await findConnectedAccount(db, workspaceId, accountId);
  if (!acct) throw new AppError("not_found", "That connected account no longer exists; connect it again.");
  if (acct.status === "revoked") throw new PlatformError(acct.platform, "auth", "revoked", `${PLATFORM_LABEL[acct.platform]} account ${acct.displayName} was disconnected; connect it again.`);
  const fresh = !acct.accessTokenExpiresAt || acct.accessTokenExpiresAt.getTime() - now.getTime() > MARGIN_MS[acct.platform];
  if (fresh) return { token: decryptSecret(acct.accessTokenEnc, secret, workspaceId), account: acct };
  return refreshAccount(workspaceId, accountId, now, false);
}

/** Refreshes under a row lock; `force` after the platform said the token is invalid. */
export async function refreshAccount(workspaceId: string, accountId: string, now = new Date(), force = true) {
  const secret = appSecret();
  return getDb().transaction(async (tx) => {
    const [a] = await tx.select().from(connectedAccounts)
      .where(and(eq(connectedAccounts.workspaceId, workspaceId), eq(connectedAccounts.id, accountId))).for("update");
    if (!a) throw new AppError("not_found", "That connected account no longer exists; connect it again.");
    // Someone refreshed while we waited for the lock: use theirs.
    if (!force && a.accessTokenExpiresAt && a.accessTokenExpiresAt.getTime() - now.getTime() > MARGIN_MS[a.platform]) {
      return { token: decryptSecret(a.accessTokenEnc, secret, workspaceId), account: a };
    }
    const client = clientFor(a.platform, () => now);
    try {
      const t = await client.refresh({
        accessToken: decryptSecret(a.accessTokenEnc, secret, workspaceId),
        refreshToken: a.refreshTokenEnc ? decryptSecret(a.refreshTokenEnc, secret, workspaceId) : null,
      });
      const [u] = await tx.update(connectedAccounts).set({
        accessTokenEnc: encryptSecret(t.accessToken, secret, workspaceId),
        refreshTokenEnc: t.refreshToken ? encryptSecret(t.refreshToken, secret, workspaceId) : a.refreshTokenEnc,
        accessTokenExpiresAt: t.expiresAt,
        refreshTokenExpiresAt: t.refreshExpiresAt ?? a.refreshTokenExpiresAt,
        status: "active", lastError: null, updatedAt: now,
      }).where(eq(connectedAccounts.id, a.id)).returning();
      return { token: t.accessToken, account: u };
    } catch (e) {
      if (isPlatformError(e) && e.kind === "auth") {
        await tx.update(connectedAccounts).set({ status: "expired", lastError: e.message, updatedAt: now }).where(eq(connectedAccounts.id, a.id));
        throw new PlatformError(a.platform, "auth", e.code, `${PLATFORM_LABEL[a.platform]} account ${a.displayName} needs to be connected again (${e.message}).`);
      }
      throw e;
    }
  });
}

export async function disconnect(workspaceId: string, accountId: string): Promise<void> {
  const db = getDb();
  const a = await findConnectedAccount(db, workspaceId, accountId);
  if (!a) throw new AppError("not_found", "Connected account not found.");
  if (platformConfig(a.platform)) {
    try {
      await clientFor(a.platform).revoke(decryptSecret(a.accessTokenEnc, appSecret(), workspaceId));
    } catch (err) {
      // Revocation is best effort: the tokens are deleted with the row either way.
      logger.warn({ err, platform: a.platform }, "token revocation failed");
    }
  }
  await deleteConnectedAccount(db, workspaceId, accountId);
}

/** Accounts as the UI shows them: never a token. */
export async function accountsView(workspaceId: string) {
  const rows = await listConnectedAccounts(getDb(), workspaceId);
  return rows.map((a) => ({
    id: a.id, platform: a.platform, displayName: a.displayName, externalAccountId: a.externalAccountId, scopes: a.scopes,
    status: a.status, unaudited: a.unaudited, dailyCap: a.dailyCap, lastError: a.lastError, accessTokenExpiresAt: a.accessTokenExpiresAt,
    unauditedNote: a.unaudited
      ? a.platform === "tiktok"
        ? "This TikTok app is not audited yet: every post is private (SELF_ONLY) until the operator passes TikTok's audit."
        : "This YouTube API project is not verified yet: every upload is locked to private until the operator passes Google's audit."
      : null,
  }));
}

export function configuredPlatforms(): Array<{ platform: SocialPlatform; label: string; configured: boolean }> {
  return (["tiktok", "instagram", "youtube"] as const).map((p) => ({ platform: p, label: PLATFORM_LABEL[p], configured: !!platformConfig(p) }));
}

/** TikTok's creator_info for the Publish panel: the privacy options to offer, fresh each time. */
export async function tiktokCreatorInfo(workspaceId: string, accountId: string) {
  const { TikTokClient } = await import("./tiktok");
  const { token, account } = await accessTokenFor(workspaceId, accountId);
  if (account.platform !== "tiktok") throw new AppError("bad_request", "Creator info exists for TikTok accounts only.");
  try {
    const info = await new TikTokClient(requirePlatformConfig("tiktok")).creatorInfo(token);
    return { ...info, unaudited: account.unaudited };
  } catch (e) {
    if (isPlatformError(e)) throw new AppError(e.kind === "rate_limited" ? "rate_limited" : "provider_error", e.message);
    throw e;
  }
}
