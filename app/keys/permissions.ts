/**
 * What a restricted key (`rk_…`) may do: permissions per API resource. Every keyed endpoint
 * declares the one it needs (`permission` in its apiEndpoint definition); secret keys (`sk_…`)
 * hold all of them, publishable keys none (they are limited by their kind instead).
 * Shared by the key check, the OpenAPI document, the reference page and the keys page's form.
 */

/** Each resource and the access levels the console offers; a level grants its permissions. */
export const KEY_RESOURCES = [
  {
    resource: "sessions",
    label: "Sessions",
    levels: [
      { value: "read", label: "Read", grants: ["sessions:read"] },
      { value: "write", label: "Write", grants: ["sessions:read", "sessions:write"] },
    ],
  },
  {
    resource: "orders",
    label: "Orders",
    levels: [
      { value: "read", label: "Read", grants: ["orders:read"] },
      { value: "refund", label: "Refund", grants: ["orders:read", "orders:refund"] },
    ],
  },
  { resource: "customers", label: "Customers", levels: [{ value: "read", label: "Read", grants: ["customers:read"] }] },
  {
    resource: "webhook_endpoints",
    label: "Webhook endpoints",
    levels: [
      { value: "read", label: "Read", grants: ["webhook_endpoints:read"] },
      { value: "write", label: "Write", grants: ["webhook_endpoints:read", "webhook_endpoints:write"] },
    ],
  },
  { resource: "request_logs", label: "Request logs", levels: [{ value: "read", label: "Read", grants: ["request_logs:read"] }] },
] as const;

export const KEY_PERMISSIONS = [
  "sessions:read",
  "sessions:write",
  "orders:read",
  "orders:refund",
  "customers:read",
  "webhook_endpoints:read",
  "webhook_endpoints:write",
  "request_logs:read",
] as const;

export type KeyPermission = (typeof KEY_PERMISSIONS)[number];

export function isKeyPermission(value: string): value is KeyPermission {
  return (KEY_PERMISSIONS as readonly string[]).includes(value);
}

/** What each permission allows, for the contract, the document and the console. */
export const PERMISSION_DESCRIPTIONS: Record<KeyPermission, string> = {
  "sessions:read": "Read sessions.",
  "sessions:write": "Create, confirm and cancel sessions, and place their orders.",
  "orders:read": "Read orders.",
  "orders:refund": "Refund completed orders.",
  "customers:read": "Read customers.",
  "webhook_endpoints:read": "Read webhook endpoints, and stream test-mode events.",
  "webhook_endpoints:write": "Create, update and delete webhook endpoints.",
  "request_logs:read": "Read the API request log.",
};

/** A resource's level from the permissions a key holds ("none" without any). */
export function levelOf(permissions: readonly string[], resource: (typeof KEY_RESOURCES)[number]): string {
  let level = "none";
  for (const option of resource.levels) if (option.grants.every((p) => permissions.includes(p))) level = option.value;
  return level;
}

/** `Sessions: read · Orders: refund`, for the key list and the audit log. */
export function describePermissions(permissions: readonly string[]): string {
  return KEY_RESOURCES.map((r) => [r, levelOf(permissions, r)] as const)
    .filter(([, level]) => level !== "none")
    .map(([r, level]) => `${r.label}: ${level}`)
    .join(" · ");
}
