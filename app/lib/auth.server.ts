/**
 * better-auth: email + password accounts, sessions in the database, and the
 * organization plugin (organizations, members, invitations) with our four roles.
 */
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { eq } from "drizzle-orm";
import { organization, twoFactor } from "better-auth/plugins";
import * as schema from "~db/schema";
import type { Database } from "~db/client";
import { getDb } from "./db.server";
import { env } from "./env.server";
import { sendInvitationEmail, sendPasswordResetEmail, sendVerificationEmail } from "./mailer.server";
import { accessControl, roles } from "./roles";
import { safeRedirectPath } from "./safe-redirect";

/** remix-serve passes no client IP: server.js sets this header from the socket (and strips any sent). */
export const CLIENT_IP_HEADER = "x-ramp-client-ip";

export function createAuth(db: Database) {
  const config = env();
  const baseURL = config.BASE_URL;
  return betterAuth({
    appName: "Ramp Partner Console",
    baseURL,
    basePath: "/api/auth",
    secret: config.APP_SECRET,
    telemetry: { enabled: false },
    trustedOrigins: trustedOrigins(baseURL, config.NODE_ENV === "development"),
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        rateLimit: schema.rateLimit,
        organization: schema.organization,
        member: schema.member,
        invitation: schema.invitation,
        twoFactor: schema.twoFactor,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      autoSignIn: true,
      // Unverified users may sign in (a banner asks them to verify); invitations need a verified address.
      requireEmailVerification: false,
      // Our own page (/reset-password), with the token in the query string: request logs drop query strings.
      sendResetPassword: async ({ user, token }) => sendPasswordResetEmail({ to: user.email, link: passwordResetLink(token) }),
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      // The reset link reached the address, which proves it as well as a verification link does.
      onPasswordReset: async ({ user }) => {
        if (!user.emailVerified) await db.update(schema.user).set({ emailVerified: true }).where(eq(schema.user.id, user.id));
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: false,
      expiresIn: 60 * 60 * 24,
      // better-auth's own link (its URL) carries the page to continue to as callbackURL: ours keeps it as `next`.
      sendVerificationEmail: async ({ user, url, token }) =>
        sendVerificationEmail({ to: user.email, name: user.name, link: verificationLink(token, new URL(url).searchParams.get("callbackURL")) }),
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
      cookieCache: { enabled: false },
    },
    // Counted per client IP in the database, so the limit holds across instances.
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: config.AUTH_RATE_LIMIT_PER_MINUTE },
        "/sign-up/email": { window: 60, max: config.AUTH_RATE_LIMIT_PER_MINUTE },
        "/change-password": { window: 60, max: config.AUTH_RATE_LIMIT_PER_MINUTE },
        // The second step of a sign-in: a six-digit code must not be guessable by volume.
        "/two-factor/verify-totp": { window: 60, max: config.AUTH_RATE_LIMIT_PER_MINUTE },
        "/two-factor/verify-backup-code": { window: 60, max: config.AUTH_RATE_LIMIT_PER_MINUTE },
        // Each sends a mail: a few per minute is plenty for a person and little for a mail bomb.
        "/send-verification-email": { window: 60, max: config.AUTH_RATE_LIMIT_PER_MINUTE },
        "/request-password-reset": { window: 60, max: config.AUTH_RATE_LIMIT_PER_MINUTE },
      },
    },
    advanced: {
      useSecureCookies: baseURL.startsWith("https://"),
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    plugins: [
      // TOTP with backup codes; both stored encrypted with APP_SECRET (the plugin's default).
      twoFactor({ issuer: "Ramp Partner Console" }),
      organization({
        ac: accessControl,
        roles,
        creatorRole: "owner",
        allowUserToCreateOrganization: true,
        invitationExpiresIn: 60 * 60 * 24 * 7,
        cancelPendingInvitationsOnReInvite: true,
        // Only the invited address, verified, can accept: a leaked link is not enough.
        requireEmailVerificationOnInvitation: true,
        sendInvitationEmail: async (data) => {
          await sendInvitationEmail({
            to: data.email,
            organizationName: data.organization.name,
            inviterEmail: data.inviter.user.email,
            role: data.role,
            link: invitationLink(data.id),
          });
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

export function invitationLink(invitationId: string): string {
  return `${env().BASE_URL}/invite/${invitationId}`;
}

/** Where the verification mail sends the user: /verify-email checks the token and says so. */
export function verificationLink(token: string, next?: string | null): string {
  const link = new URL("/verify-email", env().BASE_URL);
  link.searchParams.set("token", token);
  const path = safeRedirectPath(next, "/");
  if (path !== "/") link.searchParams.set("next", path);
  return link.toString();
}

export function passwordResetLink(token: string): string {
  return `${env().BASE_URL}/reset-password?token=${encodeURIComponent(token)}`;
}

function trustedOrigins(baseURL: string, development: boolean): string[] {
  const origins = new Set([new URL(baseURL).origin]);
  // localhost and 127.0.0.1 are the same machine: accept both in development. Anywhere else
  // the app is served at BASE_URL, and another origin is another site.
  if (!development) return [...origins];
  const url = new URL(baseURL);
  if (url.hostname === "localhost") origins.add(`${url.protocol}//127.0.0.1${url.port ? `:${url.port}` : ""}`);
  if (url.hostname === "127.0.0.1") origins.add(`${url.protocol}//localhost${url.port ? `:${url.port}` : ""}`);
  return [...origins];
}

const globalForAuth = globalThis as unknown as { __rampAuth?: { db: Database; auth: Auth } };

/** The better-auth instance over the process's database handle. */
export async function getAuth(): Promise<Auth> {
  const db = await getDb();
  if (globalForAuth.__rampAuth?.db !== db) globalForAuth.__rampAuth = { db, auth: createAuth(db) };
  return globalForAuth.__rampAuth.auth;
}
