/**
 * A key's IP allowlist: CIDRs (IPv4 and IPv6; a bare address is one host). Parsed and
 * normalised with ipaddr.js when saved; matched against the client IP that server.js resolves
 * (the socket, or the proxy chain per TRUST_PROXY). IPv4-mapped IPv6 addresses
 * (`::ffff:10.0.0.1`, what a dual-stack socket reports) match their IPv4 ranges.
 */
import ipaddr from "ipaddr.js";

export const MAX_ALLOWLIST_ENTRIES = 50;

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** One entry as typed → its normalised CIDR (`10.0.0.0/8`, `2001:db8::/32`), or null when it is not one. */
export function normaliseCidr(entry: string): string | null {
  const text = entry.trim();
  // Only dotted quads and real IPv6: ipaddr.js would also take shorthand like `10.0.0` or `0x0a.0.0.1`.
  const address = text.split("/")[0]!;
  if (!ipaddr.IPv4.isValidFourPartDecimal(address) && !(address.includes(":") && ipaddr.IPv6.isValid(address))) return null;
  try {
    if (text.includes("/")) {
      const [address, prefix] = ipaddr.parseCIDR(text);
      // Keep the network address so `10.1.2.3/8` is stored as what it means.
      const network = address.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
      return `${network.toString()}/${prefix}`;
    }
    if (!ipaddr.isValid(text)) return null;
    const address = ipaddr.parse(text);
    return `${address.toString()}/${address.kind() === "ipv4" ? 32 : 128}`;
  } catch {
    return null;
  }
}

/** The entries of a textarea (one per line, or separated by commas or spaces), blank ones dropped. */
export function splitAllowlist(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A matcher over normalised CIDRs; an empty or missing list allows every address. */
export function allowlistMatcher(cidrs: readonly string[] | null | undefined): ((ip: string | null) => boolean) | null {
  if (!cidrs?.length) return null;
  const ranges: Range[] = cidrs.flatMap((cidr) => {
    try {
      return [ipaddr.parseCIDR(cidr) as Range];
    } catch {
      return [];
    }
  });
  return (ip) => {
    if (!ip || !ipaddr.isValid(ip)) return false;
    // process(): an IPv4-mapped IPv6 address becomes its IPv4 address.
    const address = ipaddr.process(ip);
    return ranges.some(([network, prefix]) => network.kind() === address.kind() && address.match(network, prefix));
  };
}
