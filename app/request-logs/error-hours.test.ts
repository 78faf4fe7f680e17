import { describe, expect, it } from "vitest";
import { errorHoursOf } from "./error-hours.server";

type Row = Parameters<typeof errorHoursOf>[0][number];

const failed = (id: string, at: Date): Row =>
  ({ id, createdAt: at, projectId: "p", mode: "test", status: 400, endpoint: "POST /v1/sessions", errorCode: "INVALID_AMOUNT" }) as Row;

describe("an hour's last failed request", () => {
  it("is the latest, and of two in the same millisecond the greater id, whatever order they arrive in", () => {
    // Two requests logged in the same millisecond: the recount from the log (SQL) picks the greater id; the counts
    // written as requests arrive must agree (a CI run once saw them name different requests).
    const at = new Date("2026-12-05T04:32:18.262Z");
    const rows = [failed("req_1lVd", at), failed("req_2bSg", at)];
    expect(errorHoursOf(rows)[0]).toMatchObject({ count: 2, lastRequestId: "req_2bSg", lastAt: at });
    expect(errorHoursOf([...rows].reverse())[0]).toMatchObject({ count: 2, lastRequestId: "req_2bSg", lastAt: at });
    const later = failed("req_0aaa", new Date(at.getTime() + 1));
    expect(errorHoursOf([later, ...rows])[0]).toMatchObject({ count: 3, lastRequestId: "req_0aaa" });
  });
});
