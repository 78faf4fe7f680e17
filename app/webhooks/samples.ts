/** Sample `data` for "Send test event": shaped like the real payloads, marked as a test. */
import type { EventType } from "~db/schema/webhooks";

export function sampleEventData(type: EventType): Record<string, unknown> {
  const now = new Date().toISOString();
  if (type === "transaction.completed") {
    return {
      transaction: { id: "txn_test", orderId: "ord_test", status: "completed", fiatAmount: "100.00", cryptoAmount: "0.0523", transactionHash: "0xtest" },
      test: true,
    };
  }
  if (type.startsWith("session.")) {
    const status = type.split(".")[1];
    return {
      session: {
        sessionId: "sess_test",
        status,
        type: "onramp",
        externalCustomerId: "player_12345",
        sourceAmount: "100",
        sourceCurrency: "USD",
        destinationCurrency: "ETH",
        network: "ethereum",
        metadata: { orderId: "your-internal-order-123" },
        createdAt: now,
      },
      test: true,
    };
  }
  const status = type.split(".")[1] === "created" ? "created" : type.split(".")[1];
  return {
    order: {
      id: "ord_test",
      type: "buy",
      status,
      source: { currency: "USD", amount: "100.00" },
      destination: { currency: "ETH", amount: "0.0523", address: "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21" },
      customerId: "cust_test",
      externalCustomerId: "player_12345",
      metadata: { provider: "sandbox", providerOrderId: "sandbox-test", email: "player@example.com", partnerMetadata: { orderId: "your-internal-order-123" } },
      createdAt: now,
      completedAt: status === "completed" || status === "refunded" ? now : null,
      refundedAt: status === "refunded" ? now : null,
    },
    test: true,
  };
}
