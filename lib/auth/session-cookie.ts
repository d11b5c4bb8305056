/**
 * Starts a next-auth session from a server action, so the auth forms are plain
 * `<form method="post">` that work before (or without) hydration: the password travels in
 * a POST body, never in a URL. The cookie is exactly what next-auth's JWT strategy writes
 * (same name, encoding and options), so getServerSession and socket.io read it as usual.
 */
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { appUrl } from "@/lib/env";
import { appSecret } from "./secret";
import { sessionVersionOf } from "./session-version";

export const SESSION_MAX_AGE = 30 * 24 * 3600;

function secureCookies(): boolean {
  return (process.env.NEXTAUTH_URL ?? appUrl()).startsWith("https://");
}

export function sessionCookieName(): string {
  return `${secureCookies() ? "__Secure-" : ""}next-auth.session-token`;
}

export async function startSession(user: { id: string; email: string; name: string }): Promise<void> {
  const token = await encode({
    token: { sub: user.id, uid: user.id, name: user.name, email: user.email, sv: await sessionVersionOf(user.id) },
    secret: appSecret(),
    maxAge: SESSION_MAX_AGE,
  });
  (await cookies()).set(sessionCookieName(), token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(),
    maxAge: SESSION_MAX_AGE,
  });
}
