// Every test process gets a fixed, non-secret configuration.
process.env.NODE_ENV = "test";
process.env.APP_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
// Vitest exposes Vite's BASE_URL ("/") in process.env: replace anything that is not an origin.
if (!/^https?:\/\//.test(process.env.BASE_URL ?? "")) process.env.BASE_URL = "http://localhost:3000";
process.env.LOG_REQUESTS = "false";
// Tests sign in often from one address; test/auth-rate-limit.test.ts sets its own limit.
process.env.AUTH_RATE_LIMIT_PER_MINUTE ??= "1000";
// API rate limits (per key and per client IP) stay out of the way of other suites' bursts;
// test/rate-limit.test.ts sets its own low limits and multiplier.
process.env.API_RATE_LIMIT_MULTIPLIER ??= "1000";
