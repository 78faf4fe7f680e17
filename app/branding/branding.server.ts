/**
 * A project's branding: how its hosted checkout looks. One row per project (test and live
 * share it). Every query is scoped by the context's organization and project, so another
 * tenant's project is simply not found; every change is written to the audit log. Refusals
 * are DomainErrors (a refused logo: VALIDATION_ERROR on the field `logo`).
 */
import { and, eq, sql } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import { project, projectBranding } from "~db/schema";
import { recordAudit } from "~/audit/audit.server";
import type { ProjectContext } from "~/lib/context";
import type { Executor } from "~/lib/db.server";
import { DomainError, fieldError, validationError } from "~/lib/domain-error";
import {
  BRANDING_FIELDS,
  brandingSchema,
  contrastWarning,
  DEFAULT_BRANDING,
  LOGO_CONTENT_TYPES,
  LOGO_MAX_BYTES,
  type BrandingField,
  type BrandingInput,
  type LogoContentType,
} from "./schemas";

export interface Branding extends BrandingInput {
  projectId: string;
  /** Null when no logo is set; the bytes themselves are only read by getLogo. */
  logo: { contentType: LogoContentType; sizeBytes: number; url: string } | null;
  updatedAt: Date;
}

/** Where the public logo route serves a project's logo; `version` busts the 5-minute browser cache. */
export function logoUrl(projectId: string, version: Date | number) {
  return `/branding/${projectId}/logo?v=${typeof version === "number" ? version : version.getTime()}`;
}

function isLogoContentType(value: string | null | undefined): value is LogoContentType {
  return (LOGO_CONTENT_TYPES as readonly (string | null | undefined)[]).includes(value);
}

/**
 * The project's branding, scoped by organization. Falls back to the project's name and the
 * column defaults if the row is missing (createProject always writes one, older data may not).
 */
async function readBranding(db: Executor, ctx: Pick<ProjectContext, "organizationId" | "projectId">, lock = false) {
  const query = db
    .select({
      projectName: project.name,
      displayName: projectBranding.displayName,
      primaryColor: projectBranding.primaryColor,
      backgroundColor: projectBranding.backgroundColor,
      cornerRadius: projectBranding.cornerRadius,
      logoContentType: projectBranding.logoContentType,
      // The size only: the bytes stay in the database until the logo route asks for them.
      logoSizeBytes: sql<number | null>`octet_length(${projectBranding.logo})`.mapWith((v) => (v === null ? null : Number(v))),
      updatedAt: projectBranding.updatedAt,
    })
    .from(project)
    .leftJoin(projectBranding, eq(projectBranding.projectId, project.id))
    .where(and(eq(project.id, ctx.projectId), eq(project.organizationId, ctx.organizationId)));
  // Locking the project row serialises concurrent edits, so each audit entry's "from" is true.
  const [row] = lock ? await query.for("update", { of: project }) : await query;
  if (!row) throw new DomainError("NOT_FOUND", "We couldn't find that project.");
  const branding: Branding = {
    projectId: ctx.projectId,
    displayName: row.displayName ?? row.projectName,
    primaryColor: row.primaryColor ?? DEFAULT_BRANDING.primaryColor,
    backgroundColor: row.backgroundColor ?? DEFAULT_BRANDING.backgroundColor,
    cornerRadius: row.cornerRadius ?? DEFAULT_BRANDING.cornerRadius,
    logo: null,
    updatedAt: row.updatedAt ?? new Date(0),
  };
  if (row.logoSizeBytes && isLogoContentType(row.logoContentType)) {
    branding.logo = {
      contentType: row.logoContentType,
      sizeBytes: row.logoSizeBytes,
      url: logoUrl(ctx.projectId, branding.updatedAt),
    };
  }
  return branding;
}

export function getBranding(ctx: ProjectContext): Promise<Branding> {
  return readBranding(ctx.db, ctx);
}

export interface UpdateBrandingResult {
  branding: Branding;
  /** Empty when the input matched what was saved (nothing written, nothing audited). */
  changedFields: BrandingField[];
  /** A contrast warning to show; the values are saved regardless. */
  warning: string | null;
}

/** Saves display name, colours and radius; records `branding.updated` with what changed. */
export async function updateBranding(ctx: ProjectContext, input: BrandingInput): Promise<UpdateBrandingResult> {
  // Re-parse: the schema normalises colours, and no caller can save what the form would refuse.
  const parsed = brandingSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message })));
  const values = parsed.data;
  return ctx.db.transaction(async (tx) => {
    const before = await readBranding(tx, ctx, true);
    const changes: Partial<Record<BrandingField, { from: string | number; to: string | number }>> = {};
    for (const field of BRANDING_FIELDS) {
      if (before[field] !== values[field]) changes[field] = { from: before[field], to: values[field] };
    }
    const changedFields = Object.keys(changes) as BrandingField[];
    const warning = contrastWarning(values.primaryColor, values.backgroundColor);
    if (!changedFields.length) return { branding: before, changedFields, warning };

    const updatedAt = new Date();
    await tx
      .insert(projectBranding)
      .values({ projectId: ctx.projectId, ...values, updatedAt })
      .onConflictDoUpdate({ target: projectBranding.projectId, set: { ...values, updatedAt } });
    await recordAudit(tx, ctx.actor, {
      organizationId: ctx.organizationId,
      projectId: ctx.projectId,
      action: "branding.updated",
      targetType: "project",
      targetId: ctx.projectId,
      details: { changedFields, changes },
    });
    const branding: Branding = {
      ...before,
      ...values,
      updatedAt,
      logo: before.logo ? { ...before.logo, url: logoUrl(ctx.projectId, updatedAt) } : null,
    };
    return { branding, changedFields, warning };
  });
}

const ACCEPTED = "Upload a PNG, JPEG or WebP image.";

function kilobytes(bytes: number) {
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** An SVG (or any XML) document, whatever its name says: text that opens with `<svg` or `<?xml`. */
function looksLikeSvg(bytes: Uint8Array) {
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  return head.startsWith("<svg") || head.startsWith("<?xml") || (head.startsWith("<!--") && head.includes("<svg"));
}

/** A refused logo: the message goes beside the form's file field. */
function logoRefused(message: string) {
  return fieldError("logo", message);
}

/**
 * Decides a logo's type from its bytes (file-type reads the magic numbers), never from the
 * file name or the type the browser declared: those are the uploader's claims. Throws a
 * VALIDATION_ERROR on the field `logo` that says why a file is refused.
 */
export async function checkLogo(bytes: Uint8Array, declaredType?: string | null): Promise<LogoContentType> {
  if (bytes.byteLength === 0) throw logoRefused("Choose an image file to upload.");
  if (bytes.byteLength > LOGO_MAX_BYTES) {
    throw logoRefused(`The file is ${kilobytes(bytes.byteLength)}; logos can be at most 256 KB. Export it smaller, or as WebP.`);
  }
  const svgRefused = () => logoRefused(`SVG logos aren't accepted because an SVG can carry scripts. ${ACCEPTED}`);
  if (looksLikeSvg(bytes)) throw svgRefused();
  const detected = await fileTypeFromBuffer(bytes);
  if (detected && isLogoContentType(detected.mime)) return detected.mime;
  if (declaredType === "image/svg+xml") throw svgRefused();
  if (detected?.mime.startsWith("image/")) throw logoRefused(`${detected.ext.toUpperCase()} images aren't supported. ${ACCEPTED}`);
  if (declaredType?.startsWith("image/")) {
    throw logoRefused(`That file is named like an image, but its contents aren't a PNG, JPEG or WebP image. ${ACCEPTED}`);
  }
  throw logoRefused(`That file isn't an image. ${ACCEPTED}`);
}

/**
 * Stores a new logo after checking its real type and size (`declaredType`, what the browser
 * said, only sharpens the error message; a refusal is checkLogo's). Records `branding.logo_uploaded`.
 */
export async function setLogo(ctx: ProjectContext, bytes: Uint8Array, declaredType?: string | null) {
  const contentType = await checkLogo(bytes, declaredType);
  const logo = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return ctx.db.transaction(async (tx) => {
    const before = await readBranding(tx, ctx, true);
    const updatedAt = new Date();
    await tx
      .insert(projectBranding)
      .values({ projectId: ctx.projectId, displayName: before.displayName, logo, logoContentType: contentType, updatedAt })
      .onConflictDoUpdate({ target: projectBranding.projectId, set: { logo, logoContentType: contentType, updatedAt } });
    await recordAudit(tx, ctx.actor, {
      organizationId: ctx.organizationId,
      projectId: ctx.projectId,
      action: "branding.logo_uploaded",
      targetType: "project",
      targetId: ctx.projectId,
      details: { changedFields: ["logo"], contentType, sizeBytes: bytes.byteLength, replaced: before.logo !== null },
    });
    return { contentType, sizeBytes: bytes.byteLength };
  });
}

/** Removes the logo (the checkout then shows the display name). Audited only if there was one. */
export async function removeLogo(ctx: ProjectContext): Promise<{ removed: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const before = await readBranding(tx, ctx, true);
    if (!before.logo) return { removed: false };
    await tx.update(projectBranding).set({ logo: null, logoContentType: null, updatedAt: new Date() }).where(eq(projectBranding.projectId, ctx.projectId));
    await recordAudit(tx, ctx.actor, {
      organizationId: ctx.organizationId,
      projectId: ctx.projectId,
      action: "branding.logo_removed",
      targetType: "project",
      targetId: ctx.projectId,
      details: { changedFields: ["logo"], contentType: before.logo.contentType, sizeBytes: before.logo.sizeBytes },
    });
    return { removed: true };
  });
}

/**
 * The logo's bytes for the public logo route (the hosted checkout shows it to customers, so
 * no organization scope: a logo is public by design). Null when there is none.
 */
export async function getLogo(db: Executor, projectId: string) {
  const [row] = await db
    .select({ bytes: projectBranding.logo, contentType: projectBranding.logoContentType, updatedAt: projectBranding.updatedAt })
    .from(projectBranding)
    .where(eq(projectBranding.projectId, projectId));
  // Only a type we checked on the way in is ever served.
  if (!row?.bytes || !isLogoContentType(row.contentType)) return null;
  return { bytes: row.bytes, contentType: row.contentType, updatedAt: row.updatedAt };
}
