/**
 * A tiny SMTP server for tests: speaks enough SMTP (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP,
 * QUIT; no TLS, no auth) for nodemailer to deliver to it, and keeps each message with its
 * text body decoded (quoted-printable or base64), so a test can find the link it carries.
 */
import net from "node:net";

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  /** The text part, decoded. */
  text: string;
  raw: string;
}

export interface SmtpStandIn {
  port: number;
  url: string;
  messages: ReceivedMail[];
  /** Waits for a message to `to` (and matching `filter`), newest first; throws after `timeoutMs`. */
  waitFor(to: string, filter?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

function decodeHeaderWord(value: string): string {
  return value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
    kind.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
}

/** The headers and text body of a single-part (or the first text/plain part of a multipart) message. */
export function parseMessage(raw: string): { subject: string; text: string } {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  let body = rest.join("\r\n\r\n");
  const headers = head.replace(/\r?\n[ \t]+/g, " ");
  const header = (name: string) => headers.match(new RegExp(`^${name}:\\s*(.*)$`, "im"))?.[1]?.trim() ?? "";
  const boundary = header("Content-Type").match(/boundary="?([^";]+)"?/)?.[1];
  if (boundary) {
    const part = body.split(`--${boundary}`).find((p) => /content-type:\s*text\/plain/i.test(p)) ?? "";
    return { subject: decodeHeaderWord(header("Subject")), text: parseMessage(part.replace(/^\r?\n/, "")).text };
  }
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  if (encoding === "quoted-printable") body = decodeQuotedPrintable(body);
  else if (encoding === "base64") body = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return { subject: decodeHeaderWord(header("Subject")), text: body.replace(/\r\n/g, "\n").trimEnd() };
}

export async function startSmtpStandIn(options: { port?: number; host?: string } = {}): Promise<SmtpStandIn> {
  const messages: ReceivedMail[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let buffer = "";
    let inData = false;
    let envelope = { from: "", to: [] as string[] };
    let data: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 smtp-stand-in ready");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let newline: number;
      while ((newline = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            const raw = data.join("\r\n");
            messages.push({ ...envelope, ...parseMessage(raw), raw });
            envelope = { from: "", to: [] };
            reply("250 OK: queued");
          } else data.push(line.startsWith("..") ? line.slice(1) : line);
          continue;
        }
        const command = line.slice(0, 4).toUpperCase();
        if (command === "EHLO") socket.write("250-smtp-stand-in\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
        else if (command === "HELO") reply("250 smtp-stand-in");
        else if (command === "MAIL") {
          envelope.from = line.match(/<([^>]*)>/)?.[1] ?? "";
          reply("250 OK");
        } else if (command === "RCPT") {
          envelope.to.push(line.match(/<([^>]*)>/)?.[1] ?? "");
          reply("250 OK");
        } else if (command === "DATA") {
          inData = true;
          data = [];
          reply("354 End data with <CR><LF>.<CR><LF>");
        } else if (command === "RSET") {
          envelope = { from: "", to: [] };
          reply("250 OK");
        } else if (command === "NOOP") reply("250 OK");
        else if (command === "QUIT") {
          reply("221 Bye");
          socket.end();
        } else reply("502 Command not implemented");
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(to, filter = () => true, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = [...messages].reverse().find((m) => m.to.some((t) => t.toLowerCase() === to.toLowerCase()) && filter(m));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The first link in a message whose path is `path`. */
export function linkIn(mail: ReceivedMail, path: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((l) => new URL(l).pathname === path);
  if (!link) throw new Error(`no ${path} link in: ${mail.text}`);
  return link;
}
