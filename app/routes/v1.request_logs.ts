import { apiResource } from "~/api/endpoint.server";
import { requestLogApi } from "~/request-logs/api.server";

export const { loader, action } = apiResource({ GET: requestLogApi.list });
