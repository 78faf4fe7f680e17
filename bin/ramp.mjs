#!/usr/bin/env node
/**
 * `ramp`: the partner developer's CLI (issue 17). It talks only to the public API, with a test secret key
 * (RAMP_API_KEY or --api-key), at --base-url (RAMP_BASE_URL, default http://localhost:3000):
 *
 *   ramp listen --forward-to http://localhost:4000/webhooks [--events order.completed,order.failed]
 *   ramp trigger order.completed            (order.failed, order.refunded, order.created, session.cancelled, …)
 *   ramp sessions create [--amount 100 …]
 *   ramp orders get ord_…
 *   ramp logs tail [--status 4xx]
 *
 * `listen` reads GET /v1/events/stream (Server-Sent Events) and forwards each event to the local URL, signed as a
 * webhook endpoint's deliveries are (Standard Webhooks and the X-Webhook-Signature hex HMAC) with a secret it prints
 * at start; after a drop it reconnects with Last-Event-ID, so no event is lost.
 */
import crypto from "node:crypto";
import { Argument, Command, InvalidArgumentError, Option } from "commander";
import { Webhook } from "standardwebhooks";

const DEFAULT_BASE_URL = "http://localhost:3000";
const WALLET = "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21";

/** What `trigger` can make happen, and how. */
const TRIGGERS = {
  "order.created": "placed",
  "order.processing": "approve",
  "order.completed": "approve",
  "transaction.completed": "approve",
  "order.failed": "decline",
  "order.refunded": "refund",
  "session.confirmed": "confirm",
  "session.cancelled": "cancel",
  "session.expired": "expire",
};

class CliError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// The API client.
// ---------------------------------------------------------------------------------------------------------------

function settings(command) {
  const options = command.optsWithGlobals();
  const key = options.apiKey ?? process.env.RAMP_API_KEY;
  const baseUrl = (options.baseUrl ?? process.env.RAMP_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  if (!key) throw new CliError("No API key: set RAMP_API_KEY or pass --api-key sk_test_… (a test secret key from the console's API keys page).");
  if (key.startsWith("sk_live_") || key.startsWith("pk_live_")) {
    throw new CliError("Refused: this is a live key. The ramp CLI works in test mode only: use a test secret key (sk_test_…).");
  }
  if (key.startsWith("pk_")) throw new CliError("This is a publishable key: the ramp CLI needs a test secret key (sk_test_…).");
  if (!key.startsWith("sk_test_")) throw new CliError("That is not an API key: use a test secret key (sk_test_…) from the console's API keys page.");
  try {
    new URL(baseUrl);
  } catch {
    throw new CliError(`--base-url is not a URL: ${baseUrl}`);
  }
  return { key, baseUrl };
}

function unreachable(baseUrl, error) {
  const reason = error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(error);
  return new CliError(`Cannot reach ${baseUrl} (${reason}). Is the app running? Start it with \`npm start\`, or pass --base-url.`);
}

async function api(config, method, path, body, headers = {}) {
  let response;
  try {
    response = await fetch(`${config.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${config.key}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw unreachable(config.baseUrl, error);
  }
  const text = await response.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    throw new CliError(`${method} ${path} answered ${response.status} with something that is not JSON: is ${config.baseUrl} the Ramp app?`);
  }
  if (!response.ok) throw apiError(response.status, parsed);
  return parsed;
}

function apiError(status, body) {
  const error = body?.error;
  if (!error) return new CliError(`The API answered ${status}.`);
  const hint =
    error.code === "INVALID_API_KEY" || error.code === "API_KEY_EXPIRED"
      ? " Check the key: copy a test secret key from the console's API keys page."
      : error.code === "MISSING_API_KEY"
        ? " Set RAMP_API_KEY or pass --api-key."
        : "";
  const details = (error.details ?? []).map((d) => `\n  ${d.field}: ${d.message}`).join("");
  return new CliError(`${error.code}: ${error.message}${hint}${details}${error.requestId ? `\n  (requestId ${error.requestId})` : ""}`);
}

const print = (value) => console.log(JSON.stringify(value, null, 2));

// ---------------------------------------------------------------------------------------------------------------
// sessions, orders, trigger.
// ---------------------------------------------------------------------------------------------------------------

function sessionRequest(options = {}) {
  return {
    externalCustomerId: options.customer ?? "player_cli",
    sourceAmount: options.amount ?? "100",
    sourceCurrency: options.currency ?? "USD",
    destinationCurrency: options.crypto ?? "ETH",
    network: options.network ?? "ethereum",
    destinationAddress: options.address ?? WALLET,
    type: "onramp",
    ...(options.redirectUrl ? { redirectUrl: options.redirectUrl } : {}),
    ...(options.expiresIn ? { expiresInSeconds: options.expiresIn } : {}),
  };
}

async function placeOrder(config, session, gateway) {
  return api(config, "POST", `/v1/sessions/${session.id}/order`, {
    clientSecret: session.attributes.clientSecret,
    fiatAmount: session.attributes.sourceAmount,
    fiatCurrency: session.attributes.sourceCurrency,
    cryptoCurrency: session.attributes.destinationCurrency,
    network: session.attributes.network,
    walletAddress: session.attributes.destinationAddress,
    gateway,
    email: "player@example.com",
  });
}

/** The tester's click on the sandbox gateway's payment page (`checkout.url`): Approve payment or Decline payment. */
async function decideInSandbox(config, checkoutUrl, decision) {
  if (!new URL(checkoutUrl).pathname.startsWith("/sandbox/")) throw new CliError(`The order's checkout is not a sandbox page (${checkoutUrl}).`);
  let response;
  try {
    response = await fetch(checkoutUrl, { method: "POST", body: new URLSearchParams({ decision }), redirect: "manual" });
  } catch (error) {
    throw unreachable(config.baseUrl, error);
  }
  if (response.status >= 400) throw new CliError(`The sandbox refused the ${decision} (HTTP ${response.status}).`);
}

async function trigger(config, eventType, options) {
  const how = TRIGGERS[eventType];
  const session = await api(config, "POST", "/v1/sessions", sessionRequest({ expiresIn: how === "expire" ? 1 : undefined }));
  const made = { session: session.id };
  if (how === "cancel") await api(config, "POST", `/v1/sessions/${session.id}/cancel`);
  else if (how === "confirm") await api(config, "POST", `/v1/sessions/${session.id}/confirm`, { clientSecret: session.attributes.clientSecret });
  else if (how === "expire") {
    // A request that touches a due session expires it (and records session.expired).
    await new Promise((r) => setTimeout(r, 1_500));
    await api(config, "GET", `/v1/sessions/${session.id}`).catch((error) => {
      if (!String(error.message).startsWith("SESSION_EXPIRED")) throw error;
    });
  } else {
    const order = await placeOrder(config, session, options.gateway);
    made.order = order.id;
    if (how !== "placed") {
      await decideInSandbox(config, order.attributes.checkout.url, how === "decline" ? "decline" : "approve");
      if (how === "refund") await api(config, "POST", `/v1/orders/${order.id}/refund`, { reason: "ramp trigger order.refunded" });
      made.status = (await api(config, "GET", `/v1/orders/${order.id}`)).attributes.status;
    }
  }
  console.log(
    `Triggered ${eventType}: ${Object.entries(made)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// listen.
// ---------------------------------------------------------------------------------------------------------------

/** Signed as the platform signs a delivery (app/webhooks/signing.server.ts), with the CLI's own secret. */
function signedHeaders(secret, event, body) {
  const at = new Date();
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    "content-type": "application/json",
    "user-agent": "ramp-cli",
    "webhook-id": event.id,
    "webhook-timestamp": timestamp,
    "webhook-signature": new Webhook(secret).sign(event.id, at, body),
    "x-webhook-event": event.type,
    "x-webhook-delivery-id": `cli_${event.id}`,
    "x-webhook-timestamp": timestamp,
    "x-webhook-signature": crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex"),
  };
}

async function forward(url, secret, event) {
  const started = Date.now();
  const time = new Date().toISOString().slice(11, 19);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: signedHeaders(secret, event, event.data),
      body: event.data,
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer().catch(() => {});
    console.log(`${time}  ${event.type.padEnd(21)} ${event.id}  → ${response.status} (${Date.now() - started} ms)`);
  } catch (error) {
    console.log(`${time}  ${event.type.padEnd(21)} ${event.id}  → failed: ${error?.cause?.code ?? error?.name ?? error}`);
  }
}

/** Reads one SSE connection, calling onEvent per message; resolves when the connection ends. */
async function readEvents(response, onEvent) {
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message = { id: null, type: "message", data: [] };
      for (const line of block.split("\n")) {
        if (!line || line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "id") message.id = text;
        else if (field === "event") message.type = text;
        else if (field === "data") message.data.push(text);
      }
      if (message.id && message.data.length) await onEvent({ id: message.id, type: message.type, data: message.data.join("\n") });
    }
  }
}

async function listen(config, options) {
  const wanted = options.events
    ? new Set(
        options.events
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
      )
    : null;
  // A secret given (the console's quick start puts the same one in the receiver's command) or a new one per run.
  const secret = options.secret ?? `whsec_${crypto.randomBytes(24).toString("base64")}`;
  const seen = new Set();
  let lastEventId = null;
  let announced = false;
  let delay = 1_000;
  let stopping = false;
  process.once("SIGINT", () => {
    stopping = true;
    process.exit(0);
  });
  while (!stopping) {
    let response;
    try {
      response = await fetch(`${config.baseUrl}/v1/events/stream`, {
        headers: { Authorization: `Bearer ${config.key}`, Accept: "text/event-stream", ...(lastEventId ? { "Last-Event-ID": lastEventId } : {}) },
      });
    } catch (error) {
      if (!announced) throw unreachable(config.baseUrl, error);
      console.log(`Connection lost (${error?.cause?.code ?? error?.message}); reconnecting in ${delay / 1000} s…`);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5_000);
      continue;
    }
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      const error = apiError(response.status, body);
      // A wrong or revoked key will not get better; an outage (5xx) may.
      if (response.status < 500 || !announced) throw error;
      console.log(`${error.message}; reconnecting in ${delay / 1000} s…`);
      await new Promise((r) => setTimeout(r, delay));
      continue;
    }
    delay = 1_000;
    if (!announced) {
      announced = true;
      console.log(`Ready. Forwarding test-mode events${wanted ? ` (${[...wanted].join(", ")})` : ""} to ${options.forwardTo}`);
      console.log(`Signing secret: ${secret}`);
      console.log("Verify with it as with a webhook endpoint's secret (Standard Webhooks, or X-Webhook-Signature). Ctrl+C to stop.");
    } else {
      console.log(`Reconnected; resuming after ${lastEventId ?? "the start"}.`);
    }
    try {
      await readEvents(response, async (event) => {
        lastEventId = event.id;
        if (seen.has(event.id)) return; // resent after a reconnect
        seen.add(event.id);
        if (seen.size > 10_000) seen.delete(seen.values().next().value);
        if (wanted && !wanted.has(event.type)) return;
        await forward(options.forwardTo, secret, event);
      });
      if (!stopping) console.log("The server closed the stream; reconnecting…");
    } catch (error) {
      if (!stopping) console.log(`Connection lost (${error?.cause?.code ?? error?.message}); reconnecting…`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * `ramp logs tail`: the project's test-mode API requests as they are logged (GET /v1/request_logs, polled), oldest
 * first, one line each: time, status, method and path, latency, the error code and the request id to look up.
 * Requests appear within about a second (the log is written in batches).
 */
async function tailLogs(config, options) {
  const chosen = { status: options.status, method: options.method, endpoint: options.endpoint, error_code: options.errorCode, q: options.q };
  const filters = new URLSearchParams({ limit: "100" });
  for (const [name, value] of Object.entries(chosen)) if (value) filters.set(name, value);
  // Start from now: the command shows what happens while it runs, as `stripe logs tail` does.
  let since = Math.floor(Date.now() / 1000) - 2;
  const seen = new Set();
  console.log(`Tailing ${config.baseUrl} request logs (Ctrl-C to stop)…`);
  for (;;) {
    const page = await api(config, "GET", `/v1/request_logs?${filters}&created[gte]=${since}`);
    const fresh = page.data.filter((item) => !seen.has(item.id)).reverse();
    for (const item of fresh) {
      seen.add(item.id);
      const a = item.attributes;
      const error = a.error ? ` ${a.error.code}` : "";
      console.log(`${a.createdAt} ${a.status} ${a.method} ${a.path}${a.query ? `?${a.query}` : ""} ${a.latencyMs}ms${error} ${item.id}`);
      since = Math.max(since, Math.floor(Date.parse(a.createdAt) / 1000) - 2);
    }
    if (seen.size > 5_000) seen.clear();
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The commands.
// ---------------------------------------------------------------------------------------------------------------

function url(value) {
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error();
    return value;
  } catch {
    throw new InvalidArgumentError("Give an http(s) URL, e.g. http://localhost:4000/webhooks.");
  }
}

/** A Standard Webhooks secret: `whsec_` and base64 of at least 24 bytes, as the platform issues them. */
function signingSecret(value) {
  const body = value.startsWith("whsec_") ? value.slice("whsec_".length) : "";
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || Buffer.from(body, "base64").length < 24)
    throw new InvalidArgumentError("Give a signing secret of the form whsec_… (base64, 24 bytes or more), e.g. one from the quick start.");
  return value;
}

const program = new Command("ramp")
  .description("Ramp's CLI for partner developers: listen to test-mode events locally, trigger them, call the API.")
  .addOption(new Option("--api-key <key>", "a test secret key (sk_test_…)").env("RAMP_API_KEY"))
  .addOption(new Option("--base-url <url>", "the Ramp app").env("RAMP_BASE_URL").default(DEFAULT_BASE_URL))
  .showHelpAfterError();

const run = (fn) =>
  async function (...args) {
    const command = args.at(-1);
    await fn(settings(command), ...args.slice(0, -1));
  };

program
  .command("listen")
  .description("forward the key's project's test-mode events to a local URL, signed, one line per event")
  .requiredOption("--forward-to <url>", "where to POST each event, e.g. http://localhost:4000/webhooks", url)
  .option("--events <types>", "only these event types, comma-separated (e.g. order.completed,order.failed)")
  .addOption(
    new Option("--secret <whsec>", "sign with this secret (whsec_…, as your receiver has it) instead of a new one per run")
      .env("RAMP_WEBHOOK_SECRET")
      .argParser(signingSecret),
  )
  .action(run((config, options) => listen(config, options)));

program
  .command("trigger")
  .description("create the real test-mode objects that make an event fire")
  .addArgument(new Argument("<event>", "the event type").choices(Object.keys(TRIGGERS)))
  .option("--gateway <id>", "the sandbox gateway for orders", "banxa")
  .action(run((config, eventType, options) => trigger(config, eventType, options)));

const sessions = program.command("sessions").description("checkout sessions");
sessions
  .command("create")
  .description("create a test session and print it (with its hosted checkout url)")
  .option("--amount <decimal>", "fiat amount", "100")
  .option("--currency <code>", "fiat currency", "USD")
  .option("--crypto <code>", "crypto currency", "ETH")
  .option("--network <name>", "network", "ethereum")
  .option("--address <wallet>", "destination wallet address", WALLET)
  .option("--customer <id>", "your user's id (externalCustomerId)", "player_cli")
  .option("--redirect-url <url>", "where the customer returns after paying", url)
  .action(run(async (config, options) => print(await api(config, "POST", "/v1/sessions", sessionRequest(options)))));

const orders = program.command("orders").description("orders");
orders
  .command("get")
  .description("print an order")
  .argument("<orderId>", "ord_…")
  .action(run(async (config, orderId) => print(await api(config, "GET", `/v1/orders/${encodeURIComponent(orderId)}`))));

const logs = program.command("logs").description("the API request log");
logs
  .command("tail")
  .description("print the project's test-mode API requests as they happen")
  .option("--status <status>", "an exact status (404) or a class (4xx)")
  .option("--method <method>", "GET, POST, …")
  .option("--endpoint <pattern>", "e.g. 'POST /v1/sessions/:id/order'")
  .option("--error-code <code>", "e.g. VALIDATION_ERROR")
  .option("--q <id>", "a request, object or idempotency key id")
  .action(run((config, options) => tailLogs(config, options)));

try {
  await program.parseAsync();
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  console.error(`ramp: ${error.message}`);
  process.exit(1);
}
