/** The areas the audit log can be filtered by: the part of an action before the dot. */
export const AUDIT_AREAS = ["account", "api_key", "branding", "gateway", "member", "order", "organization", "project", "webhook"] as const;
