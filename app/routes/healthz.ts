import { requestLogStats } from "~/request-logs/record.server";
import { databaseHandle } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";

/** 200 with the driver when the database answers; 503 otherwise. No auth: for load balancers. */
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  try {
    const handle = await databaseHandle();
    await handle.ping(2000);
    // This process's request log: buffered, dropped (buffer full or a failed write) and written rows.
    return Response.json({ status: "ok", database: handle.driver, requestLog: requestLogStats() }, { headers });
  } catch (error) {
    logger.warn("healthz.database_unavailable", { error: error instanceof Error ? error.message : String(error) });
    return Response.json({ status: "unavailable", database: "unreachable" }, { status: 503, headers });
  }
}
