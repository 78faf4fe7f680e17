/**
 * Structured one-line JSON logs. Never pass a secret in `fields`. Whatever is logged goes
 * through redactSql: a failed query's message lists its parameters (drizzle: "Failed query:
 * … params: …"), which hold wallet addresses, emails and metadata.
 */
type Level = "debug" | "info" | "warn" | "error";

/**
 * Drops the parameter list drizzle appends to a failed query's message (up to the stack's first
 * frame, as a value may span lines); the SQL text, with its $1 placeholders, stays.
 */
export function redactSql(text: string): string {
  return text.replace(/(^|\n)params: [\s\S]*?(?=\n\s+at |\ncaused by: |$)/g, "$1params: [redacted]");
}

function redactFields(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactSql(value);
  if (value instanceof Error) return describeError(value);
  if (value === null || typeof value !== "object" || depth > 4) return value;
  if (Array.isArray(value)) return value.map((item) => redactFields(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactFields(item, depth + 1)]));
}

/** An error as a log field: its stack (or message) and its causes', with query parameters redacted. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    parts.push(current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current));
    if (!(current instanceof Error)) break;
  }
  return redactSql(parts.join("\ncaused by: "));
}

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  if (process.env.NODE_ENV === "test" && level === "debug") return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...(fields ? (redactFields(fields) as Record<string, unknown>) : {}) });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
