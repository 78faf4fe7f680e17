/**
 * Serves the Banxa stand-in on a fixed port for the browser suite (playwright.config.ts starts
 * it beside the app, which reaches it through GATEWAY_BANXA_BASE_URL; the runner waits for its
 * 401 to an unsigned request). Its credentials are the stand-in's fixed ones (e2e/live-mode.spec.ts types them).
 */
import { startBanxa } from "./banxa";

const port = Number(process.env.STAND_IN_PORT ?? 3211);
const appUrl = process.env.APP_URL ?? "http://localhost:3210";
const standIn = await startBanxa({ callbackUrl: `${appUrl}/callbacks/banxa/unused`, port });
console.log(`Banxa stand-in on ${standIn.baseUrl}`);
