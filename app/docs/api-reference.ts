/**
 * The console's reading of the OpenAPI document (app/routes/_app.docs.api.tsx): plain rows, read
 * from the document itself, so the page can't say anything the document doesn't.
 */
import type { ErrorCode } from "~/lib/domain-error";
import type { OpenApiDocument } from "~/api/openapi/document.server";
import { ERROR_CODE_DESCRIPTIONS } from "~/api/openapi/operation";
import type { JsonSchema, Parameter } from "~/api/openapi/schema";

/** How an operation is called, as the page tells it (read from its `security`). */
export type ReferenceAuth = "secret" | "key" | "clientSecret" | "none";

export interface ReferenceField {
  /** The full path, e.g. `fieldLocks.<key>.locked`. */
  name: string;
  /** What to show under its parent row, e.g. `<key>.locked`. */
  label: string;
  depth: number;
  type: string;
  required: boolean;
  description: string | null;
  constraints: string[];
}

export interface ReferenceParameter extends ReferenceField {
  in: string;
}

export interface ReferenceEndpoint {
  anchor: string;
  operationId: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  auth: { kind: ReferenceAuth; label: string };
  /** The permission a restricted key needs (`x-ramp-permission`); null where no key is checked. */
  permission: string | null;
  parameters: ReferenceParameter[];
  body: { fields: ReferenceField[]; notes: string[] } | null;
  curl: string;
  success: { status: string; description: string; schema: string | null; example: string | null };
  errors: { status: string; codes: { code: string; description: string }[] }[];
}

export interface ApiReference {
  title: string;
  version: string;
  openapi: string;
  baseUrl: string;
  tags: { name: string; description: string; endpoints: ReferenceEndpoint[] }[];
  objects: { name: string; anchor: string; description: string | null; fields: ReferenceField[] }[];
}

const AUTH_LABELS: Record<ReferenceAuth, string> = {
  secret: "Secret or restricted key",
  key: "Publishable, secret or restricted key",
  clientSecret: "Publishable key + clientSecret",
  none: "No key",
};

const KEY_PLACEHOLDERS: Record<ReferenceAuth, string | null> = {
  secret: "sk_test_YOUR_SECRET_KEY",
  key: "pk_test_YOUR_PUBLISHABLE_KEY",
  clientSecret: "pk_test_YOUR_PUBLISHABLE_KEY",
  none: null,
};

/** From an operation's security: `{}` admits no key; a publishable key scheme admits pk_…; else sk_… only. */
function authOf(security: Record<string, string[]>[]): ReferenceAuth {
  if (security.some((scheme) => Object.keys(scheme).length === 0)) return "none";
  if (security.some((scheme) => "publishableKey" in scheme)) return "key";
  return "secret";
}

type Schemas = Record<string, JsonSchema>;

function resolve(schema: JsonSchema, schemas: Schemas): JsonSchema {
  const target = typeof schema.$ref === "string" ? schemas[schema.$ref.replace("#/components/schemas/", "")] : undefined;
  return target ? resolve(target, schemas) : schema;
}

function refName(schema: JsonSchema): string | null {
  return typeof schema.$ref === "string" ? schema.$ref.replace("#/components/schemas/", "") : null;
}

export function typeLabel(schema: JsonSchema, schemas: Schemas): string {
  const name = refName(schema);
  if (name) return name;
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).map((s) => typeLabel(s, schemas)).join(" | ");
  if (Array.isArray(schema.type)) return (schema.type as string[]).join(" | ");
  if (schema.type === "array") return `${typeLabel((schema.items ?? {}) as JsonSchema, schemas)}[]`;
  if (schema.type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object" && !schema.properties) {
    const value = schema.additionalProperties as JsonSchema;
    return Object.keys(value).length ? `map of ${typeLabel(value, schemas)}` : "object";
  }
  if (typeof schema.type === "string") return schema.type;
  return Object.keys(schema).length ? "object" : "any";
}

export function constraintsOf(schema: JsonSchema): string[] {
  const out: string[] = [];
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.enum)) out.push(`one of: ${(s.enum as unknown[]).join(", ")}`);
  if (typeof s.minLength === "number" && typeof s.maxLength === "number") out.push(`${s.minLength}–${s.maxLength} characters`);
  else if (typeof s.minLength === "number") out.push(`at least ${s.minLength} character${s.minLength === 1 ? "" : "s"}`);
  else if (typeof s.maxLength === "number") out.push(`at most ${s.maxLength} characters`);
  // zod writes the safe-integer bounds into every .int(): they say nothing to a reader.
  const minimum = typeof s.minimum === "number" && s.minimum > Number.MIN_SAFE_INTEGER ? s.minimum : undefined;
  const maximum = typeof s.maximum === "number" && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined;
  if (minimum !== undefined && maximum !== undefined) out.push(`${minimum}–${maximum}`);
  else if (minimum !== undefined) out.push(`≥ ${minimum}`);
  else if (maximum !== undefined) out.push(`≤ ${maximum}`);
  if (typeof s.maxProperties === "number") out.push(`at most ${s.maxProperties} keys`);
  if (typeof s.format === "string") out.push(`format: ${s.format}`);
  // A format's own pattern (email, uuid) says nothing the format doesn't.
  if (typeof s.pattern === "string" && typeof s.format !== "string") out.push(`pattern: ${s.pattern}`);
  if (s.default !== undefined) out.push(`default: ${JSON.stringify(s.default)}`);
  const keys = s.propertyNames as JsonSchema | undefined;
  if (keys && Array.isArray(keys.enum)) out.push(`keys: ${(keys.enum as unknown[]).join(", ")}`);
  return out;
}

/** An object schema's fields as rows, nested objects as `parent.child` (maps as `parent.<key>.child`). */
export function fieldRows(schema: JsonSchema, schemas: Schemas, prefix = "", depth = 0, labelPrefix = ""): ReferenceField[] {
  const object = resolve(schema, schemas);
  if (Array.isArray(object.allOf)) {
    // A later part narrows an earlier one's field (List's data → SessionList's Session[]): keep the later row.
    const rows = (object.allOf as JsonSchema[]).flatMap((part) => fieldRows(part, schemas, prefix, depth, labelPrefix));
    return rows.filter((row, i) => !rows.slice(i + 1).some((later) => later.name === row.name));
  }
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  const rows: ReferenceField[] = [];
  for (const [name, raw] of Object.entries(properties)) {
    const property = raw;
    const full = `${prefix}${name}`;
    // A nullable nested object reads as its object part.
    const inner = Array.isArray(property.anyOf) ? ((property.anyOf as JsonSchema[]).find((s) => s.type === "object" || s.$ref) ?? property) : property;
    const target = resolve(inner, schemas);
    rows.push({
      name: full,
      label: `${labelPrefix}${name}`,
      depth,
      type: typeLabel(property, schemas),
      required: required.has(name),
      description:
        typeof property.description === "string" ? property.description : typeof target.description === "string" && !refName(inner) ? target.description : null,
      constraints: constraintsOf(property),
    });
    if (depth >= 3 || refName(inner)) continue;
    if (target.type === "object" && target.properties) rows.push(...fieldRows(target, schemas, `${full}.`, depth + 1));
    const map = target.additionalProperties as JsonSchema | undefined;
    if (map && typeof map === "object" && map.type === "object" && map.properties) rows.push(...fieldRows(map, schemas, `${full}.<key>.`, depth + 1, "<key>."));
    const items = target.type === "array" ? (target.items as JsonSchema | undefined) : undefined;
    if (items && !refName(items) && items.type === "object" && items.properties) rows.push(...fieldRows(items, schemas, `${full}[].`, depth + 1));
  }
  return rows;
}

function shellQuote(value: string) {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

export function curlExample(
  baseUrl: string,
  method: string,
  path: string,
  auth: ReferenceAuth,
  parameters: { name: string; in: string; example?: unknown; required: boolean }[],
  body: unknown,
  idempotent: boolean,
): string {
  let url = `${baseUrl}${path}`;
  for (const p of parameters) if (p.in === "path") url = url.replace(`{${p.name}}`, String(p.example ?? `YOUR_${p.name.toUpperCase()}`));
  const query = parameters.filter((p) => p.in === "query" && p.example !== undefined);
  const lines = [method === "get" ? (query.length ? `curl -G ${url}` : `curl ${url}`) : `curl -X ${method.toUpperCase()} ${url}`];
  const key = KEY_PLACEHOLDERS[auth];
  if (key) lines.push(`-H "Authorization: Bearer ${key}"`);
  for (const p of query) lines.push(`-d ${p.name}=${String(p.example)}`);
  if (body !== undefined) {
    lines.push(`-H "Content-Type: application/json"`);
    if (idempotent) lines.push(`-H "Idempotency-Key: $(uuidgen)"`);
    lines.push(`-d ${shellQuote(JSON.stringify(body, null, 2))}`);
  } else if (idempotent) {
    lines.push(`-H "Idempotency-Key: $(uuidgen)"`);
  }
  return lines.join(" \\\n  ");
}

/** The page's view of the document: endpoints by tag, and the main objects. */
export function apiReference(doc: OpenApiDocument): ApiReference {
  const schemas = doc.components.schemas;
  const parameterRefs = doc.components.parameters as Record<string, Parameter>;
  const baseUrl = doc.servers[0]!.url;
  const endpoints: (ReferenceEndpoint & { tag: string })[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const parameters = (op.parameters ?? []).map((p) => {
        const ref = (p as { $ref?: string }).$ref;
        return ref ? parameterRefs[ref.replace("#/components/parameters/", "")]! : (p as Parameter);
      });
      const requestBody = (op as { requestBody?: { content: Record<string, { schema: JsonSchema; example?: unknown }> } }).requestBody?.content[
        "application/json"
      ];
      const bodySchema = requestBody ? resolve(requestBody.schema, schemas) : null;
      const bodyFields = bodySchema ? fieldRows(bodySchema, schemas) : null;
      let auth = authOf(op.security);
      if (auth === "key" && bodyFields?.some((f) => f.name === "clientSecret" && f.required)) auth = "clientSecret";
      const notes: string[] = [];
      if (bodySchema && Array.isArray(bodySchema.anyOf)) {
        const alternatives = (bodySchema.anyOf as { required?: string[] }[]).map((a) => (a.required ?? []).join(" and "));
        notes.push(`At least one of ${alternatives.join(" or ")} is required.`);
      }
      if (bodySchema?.additionalProperties === false) notes.push("Unknown fields are refused.");
      const [successStatus, successResponse] = Object.entries(op.responses).find(([status]) => status.startsWith("2"))! as [
        string,
        { description: string; content: Record<string, { schema: JsonSchema; example?: unknown }> },
      ];
      const successContent = successResponse.content["application/json"]!;
      const errors = Object.entries(op.responses)
        .filter(([status]) => !status.startsWith("2"))
        .map(([status, response]) => {
          const schema = (response as { content: Record<string, { schema: { allOf: JsonSchema[] } }> }).content["application/json"]!.schema;
          const codes = ((schema.allOf[1] as { properties: { error: { properties: { code: { enum: ErrorCode[] } } } } }).properties.error.properties.code
            .enum ?? []) as ErrorCode[];
          return { status, codes: codes.map((code) => ({ code, description: ERROR_CODE_DESCRIPTIONS[code] })) };
        });
      endpoints.push({
        tag: op.tags[0]!,
        anchor: op.operationId.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        description: op.description.split("\n\nAuth:")[0]!,
        auth: { kind: auth, label: AUTH_LABELS[auth] },
        permission: (op as { "x-ramp-permission"?: string })["x-ramp-permission"] ?? null,
        parameters: parameters.map((p) => ({
          name: p.name,
          label: p.name,
          depth: 0,
          in: p.in,
          type: typeLabel(p.schema, schemas),
          required: p.required,
          description: p.description || null,
          constraints: constraintsOf(p.schema),
        })),
        body: bodyFields ? { fields: bodyFields, notes } : null,
        curl: curlExample(
          baseUrl,
          method,
          path,
          auth,
          parameters,
          requestBody?.example,
          parameters.some((p) => p.name === "Idempotency-Key"),
        ),
        success: {
          status: successStatus,
          description: successResponse.description,
          schema: refName(successContent.schema),
          example: successContent.example === undefined ? null : JSON.stringify(successContent.example, null, 2),
        },
        errors,
      });
    }
  }
  // Every response shape an endpoint links to, then the envelopes.
  const linked = new Set([...endpoints.map((e) => e.success.schema), "List", "Error"]);
  const objectNames = Object.keys(schemas).filter((name) => linked.has(name));
  const objects = objectNames.map((name) => {
    const schema = schemas[name]!;
    return {
      name,
      anchor: `object-${name.toLowerCase()}`,
      description: typeof schema.description === "string" ? schema.description : null,
      fields: fieldRows(schema, schemas),
    };
  });
  return {
    title: doc.info.title,
    version: doc.info.version,
    openapi: doc.openapi,
    baseUrl,
    tags: doc.tags.map((tag) => ({
      name: tag.name,
      description: tag.description,
      endpoints: endpoints.filter((e) => e.tag === tag.name).map(({ tag: _tag, ...endpoint }) => endpoint),
    })),
    objects,
  };
}
