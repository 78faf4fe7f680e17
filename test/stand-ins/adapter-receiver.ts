/**
 * Our side of a gateway callback for the adapter contract tests: a node:http server that hands
 * every POST, raw, to the adapter's verifyCallback and answers the way the callback route does
 * (2xx for a verified or ignored callback, 401 for a bad signature or a replay, 400 for a
 * malformed one). Every verdict is kept for the test to read.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { CallbackInput, CallbackVerdict, GatewayAdapter, GatewayConnection } from "~/gateways/adapters/types";

export interface AdapterReceiver {
  url: string;
  verdicts: CallbackVerdict[];
  /** Set once the stand-in (and so the connection) exists. */
  connection: GatewayConnection | null;
  close(): Promise<void>;
}

export function verdictStatus(verdict: CallbackVerdict): number {
  if (verdict.ok) return 200;
  if (verdict.reason === "ignored") return 202;
  return verdict.reason === "malformed" ? 400 : 401;
}

export async function startAdapterReceiver(adapter: GatewayAdapter): Promise<AdapterReceiver> {
  const receiver: AdapterReceiver = { url: "", verdicts: [], connection: null, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
        else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      }
      const input: CallbackInput = {
        method: req.method ?? "POST",
        url: `${receiver.url}${req.url ?? ""}`,
        headers,
        rawBody: Buffer.concat(chunks).toString("utf8"),
        receivedAt: new Date(),
      };
      const verdict = await adapter.verifyCallback(receiver.connection!, input);
      receiver.verdicts.push(verdict);
      res.writeHead(verdictStatus(verdict), { "Content-Type": "application/json" });
      res.end(JSON.stringify(verdict.ok ? { received: true } : { error: verdict.reason }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callbacks`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
