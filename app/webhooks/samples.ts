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

/**
 * Receiver code for the console's webhook pages (docs/api-contract.md#signatures, #event-types): each is a whole
 * program a partner can run as is, and each is executed by test/webhook-samples.test.ts against real deliveries.
 * They read the endpoint's secret from RAMP_WEBHOOK_SECRET and the port from PORT, and log one line per event.
 */
export interface WebhookCodeSample {
  id: "node" | "python" | "hmac";
  label: string;
  /** What to install and how to run it. */
  run: string;
  fileName: string;
  code: string;
}

const NODE_SAMPLE = `// Node 18+: npm install express standardwebhooks
import express from "express";
import { Webhook } from "standardwebhooks";

const webhook = new Webhook(process.env.RAMP_WEBHOOK_SECRET); // whsec_… from the endpoint page
const lastSequence = new Map(); // per order; keep it in your database in production

const app = express();

// The signature covers the exact bytes sent: take the raw body (express.raw), not a parsed and re-serialized one.
app.post("/webhooks", express.raw({ type: "application/json" }), (req, res) => {
  let event;
  try {
    event = webhook.verify(req.body, req.headers); // checks webhook-id, webhook-timestamp (±5 min), webhook-signature
  } catch {
    return res.status(400).send("invalid signature");
  }
  console.log(\`verified \${event.type} \${event.id}\`);
  // Answer 2xx fast (within 30 s, or it is retried); do slow work after answering, e.g. on a job queue.
  res.sendStatus(200);
  handle(event);
});

function handle(event) {
  const order = event.data.order;
  if (!order) return; // session.* and transaction.completed events
  // Deliveries may arrive out of order (and more than once): keep the highest sequence per order, drop lower ones.
  const last = lastSequence.get(order.id) ?? 0;
  if (event.sequence <= last) {
    console.log(\`stale \${event.type} \${event.id}: sequence \${event.sequence} <= \${last}, dropped\`);
    return;
  }
  lastSequence.set(order.id, event.sequence);
  console.log(\`applied \${event.type} \${order.id} \${order.status}\`); // e.g. UPDATE your order's status here
}

app.listen(Number(process.env.PORT ?? 4000), () => console.log("listening"));
`;

const PYTHON_SAMPLE = `# Python 3.9+: pip install standardwebhooks
import json
import os
from http.server import BaseHTTPRequestHandler, HTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

webhook = Webhook(os.environ["RAMP_WEBHOOK_SECRET"])  # whsec_... from the endpoint page
last_sequence = {}  # per order; keep it in your database in production


def handle(event):
    order = event["data"].get("order")
    if not order:
        return  # session.* and transaction.completed events
    # Deliveries may arrive out of order (and more than once): keep the highest sequence per order, drop lower ones.
    last = last_sequence.get(order["id"], 0)
    if event["sequence"] <= last:
        print(f"stale {event['type']} {event['id']}: sequence {event['sequence']} <= {last}, dropped", flush=True)
        return
    last_sequence[order["id"]] = event["sequence"]
    print(f"applied {event['type']} {order['id']} {order['status']}", flush=True)  # e.g. UPDATE your order here


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        # The signature covers the exact bytes sent: verify the raw body (Flask: request.get_data()).
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            webhook.verify(body, dict(self.headers))
        except WebhookVerificationError:
            self.send_response(400)
            self.end_headers()
            return
        event = json.loads(body)
        print(f"verified {event['type']} {event['id']}", flush=True)
        # Answer 2xx fast (within 30 s, or it is retried); do slow work after answering, e.g. on a job queue.
        self.send_response(200)
        self.end_headers()
        handle(event)

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", int(os.environ.get("PORT", "4000"))), Receiver)
print("listening", flush=True)
server.serve_forever()
`;

const HMAC_SAMPLE = `# Python 3, standard library only: the provider-style X-Webhook-Signature header
# (hex HMAC-SHA256 of "{X-Webhook-Timestamp}.{body}", keyed with the whole secret string, whsec_ included).
import hashlib
import hmac
import json
import os
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

SECRET = os.environ["RAMP_WEBHOOK_SECRET"].encode()  # whsec_... from the endpoint page
last_sequence = {}  # per order; keep it in your database in production


def valid(body, headers):
    timestamp = headers.get("X-Webhook-Timestamp", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300:
        return False  # refuse old (replayed) deliveries
    expected = hmac.new(SECRET, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers.get("X-Webhook-Signature", ""))


def handle(event):
    order = event["data"].get("order")
    if not order:
        return  # session.* and transaction.completed events
    # Deliveries may arrive out of order (and more than once): keep the highest sequence per order, drop lower ones.
    last = last_sequence.get(order["id"], 0)
    if event["sequence"] <= last:
        print(f"stale {event['type']} {event['id']}: sequence {event['sequence']} <= {last}, dropped", flush=True)
        return
    last_sequence[order["id"]] = event["sequence"]
    print(f"applied {event['type']} {order['id']} {order['status']}", flush=True)  # e.g. UPDATE your order here


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))  # the raw bytes, as signed
        if not valid(body, self.headers):
            self.send_response(400)
            self.end_headers()
            return
        event = json.loads(body)
        print(f"verified {event['type']} {event['id']}", flush=True)
        # Answer 2xx fast (within 30 s, or it is retried); do slow work after answering, e.g. on a job queue.
        self.send_response(200)
        self.end_headers()
        handle(event)

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", int(os.environ.get("PORT", "4000"))), Receiver)
print("listening", flush=True)
server.serve_forever()
`;

export const WEBHOOK_CODE_SAMPLES: WebhookCodeSample[] = [
  {
    id: "node",
    label: "Node (standardwebhooks)",
    run: "npm install express standardwebhooks && RAMP_WEBHOOK_SECRET=whsec_… node receiver.mjs",
    fileName: "receiver.mjs",
    code: NODE_SAMPLE,
  },
  {
    id: "python",
    label: "Python (standardwebhooks)",
    run: "pip install standardwebhooks && RAMP_WEBHOOK_SECRET=whsec_… python3 receiver.py",
    fileName: "receiver.py",
    code: PYTHON_SAMPLE,
  },
  {
    id: "hmac",
    label: "Hex HMAC (X-Webhook-Signature)",
    run: "RAMP_WEBHOOK_SECRET=whsec_… python3 receiver_hmac.py",
    fileName: "receiver_hmac.py",
    code: HMAC_SAMPLE,
  },
];
