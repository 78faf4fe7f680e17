/** The sandbox provider's refusals: DomainErrors inside, `{ error }` with the code's status on its API. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxPayment } from "~db/schema";
import { createTestDatabase, type TestDatabase } from "~test/database";
import { action as createRoute } from "~/routes/sandbox.$gatewayId.api.orders";
import { action as refundRoute } from "~/routes/sandbox.$gatewayId.api.orders.$providerOrderId.refund";
import { setProviderFetch } from "./http.server";
import { decideSandboxPayment, findSandboxPayment, refundSandboxPayment } from "./provider.server";
import { signProviderRequest } from "./signing.server";

const ORDER = {
  partnerOrderId: "ord_sandboxtest0001",
  fiatCurrency: "USD",
  fiatAmount: "100",
  cryptoCurrency: "ETH",
  network: "ethereum",
  walletAddress: "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21",
  callbackUrl: "http://localhost:3000/callbacks/sandbox/banxa",
};

let database: TestDatabase;
let restoreFetch: () => void;
beforeAll(async () => {
  database = await createTestDatabase();
  // Callbacks go nowhere: the sandbox logs a refused callback and carries on.
  restoreFetch = setProviderFetch(async () => new Response(null, { status: 204 }));
});
afterAll(async () => {
  restoreFetch?.();
  await database?.destroy();
});

async function create(gatewayId: string, body: unknown) {
  const request = new Request(`http://localhost:3000/sandbox/${gatewayId}/api/orders`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const response = await createRoute({ request, params: { gatewayId }, context: {} } as ActionFunctionArgs);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("the sandbox provider's API", () => {
  it("creates a payment, and answers its refusals as a gateway would", async () => {
    expect((await create("banxa", ORDER)).status).toBe(201);
    expect(await create("nope", ORDER)).toEqual({ status: 404, body: { error: "No sandbox gateway nope." } });
    expect(await create("banxa", { ...ORDER, walletAddress: "" })).toMatchObject({ status: 400, body: { error: expect.stringContaining("walletAddress") } });
    // The outage "test card": 503, which the platform's adapter reports as GATEWAY_UNAVAILABLE.
    expect(await create("banxa", { ...ORDER, email: "sandbox-outage@example.com" })).toEqual({
      status: 503,
      body: { error: "Simulated outage (sandbox-outage@ email)." },
    });
  });

  it("refuses a refund of a payment that is not approved (409), through its signed API", async () => {
    const created = await create("banxa", { ...ORDER, partnerOrderId: "ord_sandboxtest0002" });
    const id = created.body.providerOrderId as string;
    const path = `/sandbox/banxa/api/orders/${id}/refund`;
    const body = JSON.stringify({ partnerOrderId: "ord_sandboxtest0002" });
    const request = new Request(`http://localhost:3000${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...signProviderRequest(path, body) },
      body,
    });
    const response = await refundRoute({ request, params: { gatewayId: "banxa", providerOrderId: id }, context: {} } as ActionFunctionArgs);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: "Only an approved payment can be refunded; this one is pending." });
    await expect(refundSandboxPayment(database.db, "banxa", id, { partnerOrderId: "ord_other" })).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
  });
});

describe("the payment page's decisions", () => {
  it("answers EXPIRED (410) past the deadline and NOT_FOUND for an unknown payment", async () => {
    const created = await create("banxa", { ...ORDER, partnerOrderId: "ord_sandboxtest0003" });
    const id = created.body.providerOrderId as string;
    await database.db
      .update(sandboxPayment)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sandboxPayment.id, id));
    await expect(decideSandboxPayment(database.db, "banxa", id, "approve")).rejects.toMatchObject({ code: "EXPIRED", status: 410 });
    await expect(decideSandboxPayment(database.db, "banxa", "banxa-nope", "approve")).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
    await expect(findSandboxPayment(database.db, "nope", id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await findSandboxPayment(database.db, "banxa", id)).payment.id).toBe(id);
  });
});
