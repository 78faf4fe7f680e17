import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { createEndpointSchema, endpointForm, updateEndpointSchema } from "~/webhooks/schemas";

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("the console's endpoint form", () => {
  it("reads the MultiSelect's comma-separated event types", () => {
    const parsed = parseForm(
      endpointForm(createEndpointSchema),
      form({ intent: "create", url: "https://example.com/h", enabledEvents: "order.created,order.completed" }),
    );
    expect(parsed).toEqual({ success: true, data: { url: "https://example.com/h", description: "", enabledEvents: ["order.created", "order.completed"] } });
  });

  it("sends every event type when the box is ticked", () => {
    const parsed = parseForm(endpointForm(updateEndpointSchema), form({ url: "https://example.com/h", allEvents: "on", enabledEvents: "order.created" }));
    expect(parsed.success && parsed.data.enabledEvents).toEqual(["*"]);
  });

  it("puts each problem beside its field", () => {
    const parsed = parseForm(endpointForm(createEndpointSchema), form({ url: "ftp://example.com", enabledEvents: "" }));
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.fieldErrors.url).toMatch(/full http\(s\) URL/);
    expect(parsed.fieldErrors.enabledEvents).toMatch(/at least one event type/);
  });
});
