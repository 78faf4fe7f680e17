/**
 * docs/api-contract.md#custom-ui-flow, played by a partner's own page on another origin in Chromium: the page's
 * backend creates the session with the secret key; the page loads it with the publishable key, fetches quotes,
 * places the order and opens checkout.url — every call cross-origin, so the browser enforces CORS
 * (docs/api-contract.md#cors).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Request } from "@playwright/test";
import { demoKeys, expect, test } from "./fixtures";
import { sessionBody, WALLET_ADDRESS } from "../test/fixtures";

/** The partner's checkout page: the config its backend renders in, and the script that calls our API. */
function partnerPage(config: Record<string, string>) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Game shop checkout</title></head><body>
<h1>Buy crypto</h1>
<p id="amount">Loading…</p>
<ul id="quotes"></ul>
<p id="error" role="alert"></p>
<script>
const config = ${JSON.stringify(config)};
const api = (path, init = {}) =>
  fetch(config.api + path, { ...init, headers: { Authorization: "Bearer " + config.publishableKey, "Content-Type": "application/json", ...(init.headers || {}) } })
    .then(async (r) => { const body = await r.json(); if (!r.ok) throw new Error(body.error.code + ": " + body.error.message); return body; });
(async () => {
  try {
    const session = (await api("/v1/sessions/" + config.sessionId)).attributes;
    document.getElementById("amount").textContent = session.sourceAmount + " " + session.sourceCurrency + " of " + session.destinationCurrency;
    const query = new URLSearchParams({ projectId: config.projectId, fiatCurrency: session.sourceCurrency, cryptoCurrency: session.destinationCurrency, network: session.network, fiatAmount: session.sourceAmount });
    const quotes = (await fetch(config.api + "/public/v1/onramp/quotes?" + query, { headers: { Authorization: "Bearer " + config.publishableKey } }).then((r) => r.json())).data.quotes;
    for (const quote of quotes) {
      const button = document.createElement("button");
      button.textContent = "Pay with " + quote.gateway.name + ": " + quote.cryptoAmount + " " + session.destinationCurrency;
      button.onclick = async () => {
        try {
          const order = (await api("/v1/sessions/" + config.sessionId + "/order", {
            method: "POST",
            headers: { "Idempotency-Key": "checkout-" + config.sessionId },
            body: JSON.stringify({ clientSecret: config.clientSecret, fiatAmount: session.sourceAmount, fiatCurrency: session.sourceCurrency,
              cryptoCurrency: session.destinationCurrency, network: session.network, walletAddress: session.destinationAddress, gateway: quote.gateway.id }),
          })).attributes;
          if (order.checkout.method === "redirect") window.location.assign(order.checkout.url);
        } catch (error) { document.getElementById("error").textContent = error.message; }
      };
      const item = document.createElement("li");
      item.append(button);
      document.getElementById("quotes").append(item);
    }
  } catch (error) { document.getElementById("error").textContent = error.message; }
})();
</script></body></html>`;
}

async function servePartnerPage(html: () => string) {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(html());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

test("a partner's own page on another origin loads the session, fetches quotes, places the order and opens the checkout", async ({ page, baseURL }) => {
  const keys = await demoKeys(page);
  const projectId = keys.base.split("/")[2]!;
  const created = await page.request.post("/v1/sessions", {
    headers: { Authorization: `Bearer ${keys.secret}` },
    data: sessionBody({
      sourceAmount: "60",
      destinationCurrency: "USDC",
      network: "polygon",
      destinationAddress: WALLET_ADDRESS,
      redirectUrl: `${baseURL}/healthz`,
    }),
  });
  expect(created.status()).toBe(201);
  const session = (await created.json()).attributes;

  let config: Record<string, string> = {};
  const partner = await servePartnerPage(() => partnerPage(config));
  try {
    config = { api: baseURL!, publishableKey: keys.publishable, projectId, sessionId: session.sessionId, clientSecret: session.clientSecret };
    const apiCalls: Request[] = [];
    page.on("request", (request) => {
      if (request.url().startsWith(baseURL!) && request.resourceType() === "fetch") apiCalls.push(request);
    });
    await page.goto(`${partner.origin}/checkout`);
    await expect(page.locator("#amount")).toHaveText("60 USD of USDC");
    await expect(page.locator("#error")).toHaveText("");
    const first = page.getByRole("button", { name: /^Pay with / }).first();
    await expect(first).toBeVisible();
    await first.click();
    // checkout.url: the gateway's payment page (the sandbox, in test mode).
    await expect(page.getByTestId("sandbox-fiat")).toHaveText("60.00 USD");
    // Sent by the page itself, so the browser checked CORS on each (the Origin header says whose page it was).
    const crossOrigin = [];
    for (const call of apiCalls)
      if ((await call.headerValue("origin")) === partner.origin) crossOrigin.push(`${call.method()} ${new URL(call.url()).pathname}`);
    expect(crossOrigin).toEqual(
      expect.arrayContaining([`GET /v1/sessions/${session.sessionId}`, "GET /public/v1/onramp/quotes", `POST /v1/sessions/${session.sessionId}/order`]),
    );
    await page.getByRole("button", { name: "Approve payment" }).click();
    await expect(page).toHaveURL(`${baseURL}/healthz?sessionId=${session.sessionId}&status=completed`);

    // The same page holding a secret key is refused by the API, and the page can read why.
    config = { ...config, publishableKey: keys.secret };
    await page.goto(`${partner.origin}/checkout`);
    await expect(page.locator("#error")).toContainText("INSUFFICIENT_PERMISSIONS");
  } finally {
    await partner.close();
  }
});
