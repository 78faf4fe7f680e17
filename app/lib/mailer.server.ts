/**
 * Outgoing mail. With SMTP_URL set, nodemailer delivers it. Without, the dev mailer keeps the
 * last messages in memory and logs them; in development the page that caused a message shows
 * its link (devMailLink), so sign-up and password reset work with no mail server. In production
 * without SMTP_URL nothing is delivered and the log says so, without the message: its links
 * carry tokens.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "./env.server";
import { describeError, logger } from "./logger.server";

export interface SentMail {
  to: string;
  subject: string;
  text: string;
  sentAt: Date;
}

const outbox: SentMail[] = [];
let smtp: { url: string; transporter: Transporter } | undefined;

function smtpTransport(url: string): Transporter {
  if (smtp?.url !== url) smtp = { url, transporter: nodemailer.createTransport(url) };
  return smtp.transporter;
}

export async function sendMail(mail: Omit<SentMail, "sentAt">) {
  const config = env();
  if (config.SMTP_URL) {
    await smtpTransport(config.SMTP_URL).sendMail({ from: config.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
    logger.info("mail.sent", { to: mail.to, subject: mail.subject });
    return;
  }
  if (config.NODE_ENV === "production") {
    logger.warn("mail.not_sent", { to: mail.to, subject: mail.subject, reason: "SMTP_URL is not set" });
    return;
  }
  outbox.push({ ...mail, sentAt: new Date() });
  if (outbox.length > 100) outbox.shift();
  logger.info("mail.sent", { to: mail.to, subject: mail.subject, text: mail.text });
}

/**
 * Sends without waiting: the caller answers at once, whether or not the address has an account
 * (a reset request must not take longer for a known address), and a mail server that is down
 * fails the message, not the sign-up. The dev mailer's outbox has the message on return.
 */
export function sendMailInBackground(mail: Omit<SentMail, "sentAt">) {
  sendMail(mail).catch((error) => logger.error("mail.failed", { to: mail.to, subject: mail.subject, error: describeError(error) }));
}

export async function sendInvitationEmail(input: { to: string; organizationName: string; inviterEmail: string; role: string; link: string }) {
  await sendMail({
    to: input.to,
    subject: `You are invited to ${input.organizationName} on Ramp`,
    text: `${input.inviterEmail} invited you to join ${input.organizationName} as ${input.role}. Accept: ${input.link}`,
  });
}

export function sendVerificationEmail(input: { to: string; name: string; link: string }) {
  sendMailInBackground({
    to: input.to,
    subject: "Verify your email for Ramp",
    text: `Hello ${input.name},\n\nConfirm that ${input.to} is your address: ${input.link}\n\nThe link works for 24 hours. If you did not create a Ramp account, ignore this message.`,
  });
}

export function sendPasswordResetEmail(input: { to: string; link: string }) {
  sendMailInBackground({
    to: input.to,
    subject: "Reset your Ramp password",
    text: `Choose a new password for ${input.to}: ${input.link}\n\nThe link works for one hour and once. If you did not ask for it, ignore this message: your password stays as it is.`,
  });
}

export function recentMail(): readonly SentMail[] {
  return outbox;
}

/**
 * Development only, with no mail server: the link of the newest message to `to` whose link
 * contains `path`, for the page to show. Null anywhere else: in production a link on screen
 * would hand an account to whoever typed its address.
 */
export function devMailLink(to: string, path: string): string | null {
  const config = env();
  if (config.NODE_ENV !== "development" || config.SMTP_URL) return null;
  const wanted = to.toLowerCase();
  for (let i = outbox.length - 1; i >= 0; i--) {
    const mail = outbox[i]!;
    if (mail.to.toLowerCase() !== wanted) continue;
    const link = mail.text.match(/https?:\/\/\S+/g)?.find((l) => new URL(l).pathname === path);
    if (link) return link;
  }
  return null;
}
