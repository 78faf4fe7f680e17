/** Shared by the server modules and the Logs page's filter form (a .server module never reaches the browser). */
export const REQUEST_LOG_METHODS = ["GET", "POST", "DELETE", "PATCH", "PUT", "OPTIONS", "HEAD"] as const;
export const STATUS_CLASSES = ["2xx", "3xx", "4xx", "5xx"] as const;

/** The Errors view's periods: how far back, and how many sparkline buckets. */
export const ERROR_RANGES = {
  "24h": { label: "Last 24 hours", seconds: 86_400, buckets: 24 },
  "7d": { label: "Last 7 days", seconds: 7 * 86_400, buckets: 28 },
} as const;
