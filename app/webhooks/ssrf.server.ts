/**
 * Live-mode guard against webhook URLs that reach our own network (SSRF). A host is allowed
 * only when EVERY address it resolves to is public unicast: private (RFC 1918), loopback,
 * link-local, unique-local (fc00::/7), CGNAT, reserved, multicast and the unspecified address
 * are refused, for IPv4 and IPv6 (IPv4-mapped IPv6 is checked as IPv4). The same check runs
 * when a URL is saved and, through the socket's own `lookup`, on every delivery, so a DNS
 * answer that changes after saving (rebinding) cannot slip through.
 */
import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import type { Mode } from "~db/schema/types";
import { env } from "~/lib/env.server";

export class BlockedAddressError extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private, loopback or link-local address. Live webhooks must reach a public address.`);
    this.name = "BlockedAddressError";
  }
}

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() turns ::ffff:10.0.0.1 into 10.0.0.1.
  return ipaddr.process(address).range() === "unicast";
}

/** Test mode may call localhost (a developer's receiver); live mode only with WEBHOOK_ALLOW_PRIVATE_URLS. */
export function mayReachPrivateAddresses(mode: Mode): boolean {
  return mode === "test" || env().WEBHOOK_ALLOW_PRIVATE_URLS;
}

function hostOf(url: URL) {
  // URL keeps IPv6 literals in brackets.
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

export function isIpLiteral(url: URL) {
  return net.isIP(hostOf(url)) !== 0;
}

/** Resolves the URL's host (every address) and throws BlockedAddressError if any is not public. */
export async function assertPublicUrl(url: URL): Promise<void> {
  const host = hostOf(url);
  const addresses = net.isIP(host) ? [host] : (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  for (const address of addresses) {
    if (!isPublicAddress(address)) throw new BlockedAddressError(host, address);
  }
}

/**
 * A `lookup` for http.request that refuses non-public answers, so the address checked is the
 * address connected to. (IP-literal hosts skip lookup: callers check those with assertPublicUrl.)
 */
export const publicOnlyLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const list = addresses as dns.LookupAddress[];
    const blocked = list.find((a) => !isPublicAddress(a.address));
    if (blocked) return callback(new BlockedAddressError(hostname, blocked.address) as NodeJS.ErrnoException, "", 0);
    if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};
