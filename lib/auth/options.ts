import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { getDb } from "@/db/client";
import { users, accounts } from "@/db/schema";
import { and, eq } from "drizzle-orm";
import { findUserByEmail, createWorkspace } from "@/db/queries/accounts";
import { authenticate, clientAddressFrom } from "./credentials";
import { authRedirect } from "./redirect";
import { sessionVersionOf } from "./session-version";

function oauthProviders() {
  const list = [];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET) {
    list.push(GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET }));
  }
  if (process.env.GOOGLE_ID && process.env.GOOGLE_SECRET) {
    list.push(GoogleProvider({ clientId: process.env.GOOGLE_ID, clientSecret: process.env.GOOGLE_SECRET }));
  }
  return list;
}

/** Links (or creates) our user for an OAuth sign-in; returns our user id. */
async function userIdForOAuth(provider: string, providerAccountId: string, email: string, name: string): Promise<string> {
  const db = getDb();
  const [linked] = await db
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
  if (linked) return linked.userId;
  return db.transaction(async (tx) => {
    let user = await findUserByEmail(tx, email);
    if (!user) {
      [user] = await tx.insert(users).values({ email: email.toLowerCase(), name, emailVerified: new Date() }).returning();
      await createWorkspace(tx, { name: `${name.split(" ")[0]}'s workspace`, ownerId: user.id });
    }
    await tx.insert(accounts).values({ userId: user.id, type: "oauth", provider, providerAccountId }).onConflictDoNothing();
    return user.id;
  });
}

export function authOptions(): NextAuthOptions {
  return {
    secret: process.env.APP_SECRET ?? process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const r = await authenticate({ email: credentials?.email, password: credentials?.password, clientAddress: clientAddressFrom(req?.headers) });
          if (r.ok) return r.user;
          // next-auth hands a thrown message to the client as `error`; null becomes "CredentialsSignin".
          if (r.reason === "throttled") throw new Error(r.message);
          return null;
        },
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      // Only paths on this site: `//evil.example` and `/\\evil.example` land on the dashboard.
      redirect: ({ url, baseUrl }) => authRedirect(url, baseUrl),
      async jwt({ token, user, account }) {
        if (account && account.provider !== "credentials" && user?.email) {
          token.uid = await userIdForOAuth(account.provider, account.providerAccountId, user.email, user.name ?? user.email);
        } else if (user) {
          token.uid = user.id;
        }
        // At sign-in only: the session carries the user's session version (see password-reset.ts).
        if (user && typeof token.uid === "string") token.sv = await sessionVersionOf(token.uid);
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          (session.user as { id?: string }).id = token.uid as string;
          (session.user as { sv?: number }).sv = typeof token.sv === "number" ? token.sv : 0;
        }
        return session;
      },
    },
  };
}
