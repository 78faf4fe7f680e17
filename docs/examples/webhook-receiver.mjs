// Node 18+: npm install express standardwebhooks
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
  console.log(`verified ${event.type} ${event.id}`);
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
    console.log(`stale ${event.type} ${event.id}: sequence ${event.sequence} <= ${last}, dropped`);
    return;
  }
  lastSequence.set(order.id, event.sequence);
  console.log(`applied ${event.type} ${order.id} ${order.status}`); // e.g. UPDATE your order's status here
}

app.listen(Number(process.env.PORT ?? 4000), () => console.log("listening"));
