/**
 * Development mailer: there is no mail server, so messages are logged and kept in
 * memory (the console also shows invitation links to the admin who sent them).
 */
import { logger } from "./logger.server";

export interface SentMail {
  to: string;
  subject: string;
  text: string;
  sentAt: Date;
}

const outbox: SentMail[] = [];

export async function sendMail(mail: Omit<SentMail, "sentAt">) {
  const sent = { ...mail, sentAt: new Date() };
  outbox.push(sent);
  if (outbox.length > 100) outbox.shift();
  logger.info("mail.sent", { to: mail.to, subject: mail.subject, text: mail.text });
}

export async function sendInvitationEmail(input: { to: string; organizationName: string; inviterEmail: string; role: string; link: string }) {
  await sendMail({
    to: input.to,
    subject: `You are invited to ${input.organizationName} on Ramp`,
    text: `${input.inviterEmail} invited you to join ${input.organizationName} as ${input.role}. Accept: ${input.link}`,
  });
}

export function recentMail(): readonly SentMail[] {
  return outbox;
}
