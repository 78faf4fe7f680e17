/**
 * Helpers for describing an endpoint's inputs in the OpenAPI document. Request bodies and the
 * public endpoints' query parameters are converted from the very zod schemas the handlers
 * validate with (`z.toJSONSchema`, JSON Schema 2020-12, which OpenAPI 3.1 uses as is), so a
 * field added to a schema shows up by itself. What JSON Schema can't see in a zod schema
 * (`.refine` checks such as "one of the catalogue's currencies") is added from field docs
 * built from the same constants the checks use. The list parameters are written from
 * list-params.ts's exported constants (its zod schema is private); the tests hold them to
 * `parseListParams`.
 */
import { z } from "zod";
import { CRYPTO_CURRENCIES, FIAT_CURRENCIES, NETWORKS } from "~/gateways/catalogue";
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from "~/api/list-params";

export type JsonSchema = Record<string, unknown>;

export const FIAT_CODES = FIAT_CURRENCIES.map((c) => c.code);
export const CRYPTO_CODES = CRYPTO_CURRENCIES.map((c) => c.code);
export const NETWORK_IDS = NETWORKS.map((n) => n.id);

/** Ids the examples share across domains (the values of docs/api-contract.md's examples). */
export const EXAMPLE_IDS = {
  projectId: "550e8400-e29b-41d4-a716-446655440000",
  sessionId: "sess_7Hq2LmN9pRx4TzVb8KcD1fGs",
  orderId: "ord_3JkW8nQe5RtY2uIo9PaS4dFg",
  customerId: "cust_9XcV2bN7mQ4wE1rT6yU8iO3p",
  transactionId: "txn_5GhJ2kL8zX4cV7bN1mQ9wE3r",
  requestId: "req_2Wd7Fg9Hj4Kl1Zx6Cv8Bn3Mq",
  clientSecret: "sess_secret_YOUR_CLIENT_SECRET",
  address: "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21",
  checkoutUrl: "https://checkout.gateway.example/pay/9f3b2c",
  endpointId: "we_8Kd2Lq7Wn4Zx1Rt6Yp3Vb9Mc",
};

/** Response fields: an ISO timestamp, and a decimal amount carried as a string. */
export const dateTime = (description?: string) => z.string().meta({ format: "date-time", ...(description ? { description } : {}) });
export const decimal = (description: string) => z.string().describe(description);

/** Additions to one property of a converted schema: prose, and the values a `.refine` admits. */
export interface FieldDoc {
  description: string;
  enum?: readonly string[];
  maxProperties?: number;
  example?: string;
}
export type FieldDocs = Record<string, FieldDoc>;

export const caseInsensitive = "Matched case-insensitively and stored in the spelling listed.";
export const fiatDoc = (description: string): FieldDoc => ({ description: `${description} ${caseInsensitive}`, enum: FIAT_CODES });
export const cryptoDoc = (description: string): FieldDoc => ({ description: `${description} ${caseInsensitive}`, enum: CRYPTO_CODES });
export const networkDoc = (description: string): FieldDoc => ({ description: `${description} ${caseInsensitive}`, enum: NETWORK_IDS });
export const amountDoc = (description: string): FieldDoc => ({
  description: `${description} A decimal string greater than 0 with at most 2 decimals, e.g. "100".`,
});
export const countryDoc: FieldDoc = { description: "ISO 3166-1 alpha-2 country code, e.g. US (any case)." };

/** A zod schema's input as JSON Schema 2020-12, with the docs merged into its properties. */
export function inputSchema(schema: z.ZodType, docs: FieldDocs, extra: JsonSchema = {}): JsonSchema {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }) as JsonSchema;
  delete json.$schema;
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, doc] of Object.entries(docs)) {
    const property = properties[name];
    // A doc for a field the schema doesn't have is a stale doc: fail loudly.
    if (!property) throw new Error(`openapi: documented field ${name} is not in the schema`);
    property.description = doc.description;
    if (doc.enum) property.enum = [...doc.enum];
    if (doc.maxProperties !== undefined) property.maxProperties = doc.maxProperties;
    if (doc.example !== undefined) property.examples = [doc.example];
  }
  return { ...json, ...extra };
}

export interface Parameter {
  name: string;
  in: "query" | "path" | "header";
  required: boolean;
  description: string;
  schema: JsonSchema;
  example?: unknown;
}

/** Query parameters from a zod object schema (the public endpoints parse them with it). */
export function queryParameters(schema: z.ZodObject, docs: FieldDocs): Parameter[] {
  const json = inputSchema(schema, docs);
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(json.properties as Record<string, JsonSchema>).map(([name, property]) => {
    const { description, examples, ...rest } = property as JsonSchema & { description?: string; examples?: unknown[] };
    return {
      name,
      in: "query" as const,
      required: required.has(name),
      description: description ?? "",
      schema: rest,
      ...(examples?.length ? { example: examples[0] } : {}),
    };
  });
}

/** The list parameters (docs/api-contract.md#lists); names and bounds from list-params.ts (see the tests). */
export function listParameters(statuses: readonly string[], noun: string, types: readonly string[] = []): Parameter[] {
  const cursor = { type: "string", pattern: "^[A-Za-z]+_[0-9A-Za-z]{1,64}$" };
  const seconds = { type: "integer", minimum: 0, maximum: 253_402_300_799 };
  const bound = (name: "gt" | "gte" | "lt" | "lte", words: string): Parameter => ({
    name: `created[${name}]`,
    in: "query",
    required: false,
    description: `Only ${noun}s created ${words} this unix time (seconds).`,
    schema: seconds,
  });
  return [
    {
      name: "limit",
      in: "query",
      required: false,
      description: `How many ${noun}s to return, ${1}–${MAX_LIST_LIMIT}.`,
      schema: { type: "integer", minimum: 1, maximum: MAX_LIST_LIMIT, default: DEFAULT_LIST_LIMIT },
      example: 3,
    },
    {
      name: "starting_after",
      in: "query",
      required: false,
      description: `Cursor: the id of the last ${noun} of the previous page (next page).`,
      schema: cursor,
    },
    {
      name: "ending_before",
      in: "query",
      required: false,
      description: `Cursor: the id of the first ${noun} of the next page (previous page). Not with starting_after.`,
      schema: cursor,
    },
    bound("gt", "after"),
    bound("gte", "at or after"),
    bound("lt", "before"),
    bound("lte", "at or before"),
    {
      name: "created",
      in: "query",
      required: false,
      description: `Only ${noun}s created during this second (unix time). Not with created[…].`,
      schema: seconds,
    },
    { name: "status", in: "query", required: false, description: `Only ${noun}s in this status.`, schema: { type: "string", enum: [...statuses] } },
    ...(types.length
      ? [
          {
            name: "type",
            in: "query",
            required: false,
            description: `Only ${noun}s of this type (${types.join(" or ")}).`,
            schema: { type: "string", enum: [...types] },
          } as Parameter,
        ]
      : []),
    {
      name: "destination_currency",
      in: "query",
      required: false,
      description: `Only ${noun}s buying this crypto currency (either case).`,
      schema: { type: "string", enum: [...CRYPTO_CODES] },
    },
    {
      name: "destination_network",
      in: "query",
      required: false,
      description: `Only ${noun}s delivering on this network (either case).`,
      schema: { type: "string", enum: [...NETWORK_IDS] },
    },
  ];
}

export function pathParameter(name: string, description: string, example: string): Parameter {
  return { name, in: "path", required: true, description, schema: { type: "string" }, example };
}
