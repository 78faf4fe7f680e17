/**
 * Branding: the domain module, the page's loader and action (with real better-auth sessions,
 * so the role checks are the real ones) and the public logo route, on either database driver.
 */
import crypto from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, projectBranding } from "~db/schema";
import { createTestDatabase, type TestDatabase } from "~test/database";
import { encodePng, type Rgba } from "~test/png";
import { addMember, createOrg, signUp, type TestUser } from "~test/users";
import { DomainError } from "~/lib/domain-error";
import { requireOrganization, requireProject, type ConsoleProjectContext } from "~/lib/permissions.server";
import { createProject } from "~/projects/projects.server";
import { action, loader } from "~/routes/_app.projects.$projectId.$mode.branding/route";
import { loader as logoLoader } from "~/routes/branding.$projectId.logo";
import { checkLogo, getBranding, getLogo, removeLogo, setLogo, updateBranding } from "./branding.server";
import { brandingFieldErrors, brandingSchema, contrastRatio, contrastWarning, LOGO_MAX_BYTES, normalizeHexColor } from "./schemas";

// --- Tiny images, built byte by byte (each decodes in Chromium) ---

/** A w×h PNG of one colour. */
function png(width = 2, height = 2, rgba: Rgba = [76, 110, 245, 255]) {
  return encodePng(width, height, () => rgba);
}
/** A 1×1 grey baseline JPEG: DQT, SOF0, one-code DC and AC Huffman tables, one block (DC 0, EOB). */
const JPEG = Buffer.from([
  0xff,
  0xd8,
  0xff,
  0xdb,
  0x00,
  0x43,
  0x00,
  ...Array(64).fill(1),
  0xff,
  0xc0,
  0x00,
  0x0b,
  0x08,
  0x00,
  0x01,
  0x00,
  0x01,
  0x01,
  0x01,
  0x11,
  0x00,
  0xff,
  0xc4,
  0x00,
  0x14,
  0x00,
  1,
  ...Array(15).fill(0),
  0x00,
  0xff,
  0xc4,
  0x00,
  0x14,
  0x10,
  1,
  ...Array(15).fill(0),
  0x00,
  0xff,
  0xda,
  0x00,
  0x08,
  0x01,
  0x01,
  0x00,
  0x00,
  0x3f,
  0x00,
  0x3f,
  0xff,
  0xd9,
]);
/** A 1×1 lossless WebP (RIFF/WEBP/VP8L). */
const WEBP = Buffer.from("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", "base64");
const GIF = Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>');
const SVG_WITH_PROLOG = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>');
const TEXT = Buffer.from("This is not a picture, whatever its name says.\n");

// --- Requests ---

const BASE = "http://localhost:3000";
const pagePath = (projectId: string) => `/projects/${projectId}/test/branding`;
const params = (projectId: string) => ({ projectId, mode: "test" });

function getRequest(user: TestUser, path: string) {
  return new Request(`${BASE}${path}`, { headers: { cookie: user.cookie } });
}

function postForm(user: TestUser, projectId: string, fields: Record<string, string>) {
  return new Request(`${BASE}${pagePath(projectId)}`, {
    method: "POST",
    headers: { cookie: user.cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

function postLogo(user: TestUser, projectId: string, bytes: Uint8Array, fileName: string, type: string) {
  const body = new FormData();
  body.set("intent", "upload-logo");
  body.set("logo", new File([bytes as Uint8Array<ArrayBuffer>], fileName, { type }));
  return new Request(`${BASE}${pagePath(projectId)}`, { method: "POST", headers: { cookie: user.cookie }, body });
}

/** The action's answer (field errors come back as data, with its status) or the status of what it threw. */
async function runAction(request: Request, projectId: string) {
  try {
    const answer = await action({ request, params: params(projectId), context: {} });
    return { status: answer.init?.status ?? 200, fieldErrors: {} as Record<string, string>, ...answer.data };
  } catch (error) {
    return { status: thrownStatus(error), intent: "", fieldErrors: {} as Record<string, string> };
  }
}

/** A refused logo: a VALIDATION_ERROR whose message goes beside the file field. */
function logoRefusal(message: string) {
  return { code: "VALIDATION_ERROR", message, details: [{ field: "logo", message }] };
}

function thrownStatus(error: unknown): number {
  if (error instanceof Response) return error.status;
  if (error instanceof DomainError) return error.status;
  const value = error as { type?: string; init?: { status?: number } | null };
  if (value?.type !== "DataWithResponseInit") throw error;
  return value.init?.status ?? 200;
}

async function auditRows(projectId: string, action?: string) {
  return database.db
    .select()
    .from(auditLog)
    .where(action ? and(eq(auditLog.projectId, projectId), eq(auditLog.action, action)) : eq(auditLog.projectId, projectId))
    .orderBy(asc(auditLog.createdAt));
}

async function storedBranding(projectId: string) {
  const [row] = await database.db.select().from(projectBranding).where(eq(projectBranding.projectId, projectId));
  return row!;
}

let database: TestDatabase;
let owner: TestUser;
let admin: TestUser;
let developer: TestUser;
let support: TestUser;
let outsider: TestUser;
let projectA: string;
let projectB: string;
let adminCtx: ConsoleProjectContext;

beforeAll(async () => {
  database = await createTestDatabase();
  [owner, admin, developer, support, outsider] = await Promise.all(["owner", "admin", "developer", "support", "outsider"].map((label) => signUp(label)));
  const orgA = await createOrg(owner, "Brand Org A");
  await addMember(orgA.id, admin, "admin");
  await addMember(orgA.id, developer, "developer");
  await addMember(orgA.id, support, "support");
  await createOrg(outsider, "Brand Org B");
  projectA = (await createProject(await requireOrganization(getRequest(owner, "/")), { name: "Acme Shop" })).project.id;
  projectB = (await createProject(await requireOrganization(getRequest(outsider, "/")), { name: "Other Shop" })).project.id;
  adminCtx = await requireProject(getRequest(admin, pagePath(projectA)), params(projectA), { branding: ["update"] });
});

afterAll(async () => {
  await database?.destroy();
});

describe("schemas", () => {
  it("normalises #rgb and #RRGGBB to lowercase #rrggbb and refuses anything else", () => {
    expect(normalizeHexColor("#ABC")).toBe("#aabbcc");
    expect(normalizeHexColor(" #4C6EF5 ")).toBe("#4c6ef5");
    for (const bad of ["red", "#12", "#1234", "#ggg", "4c6ef5", "rgb(0,0,0)", "#4c6ef5ff", ""]) {
      expect(normalizeHexColor(bad), bad).toBeNull();
    }
  });

  it("accepts a good form and trims the name", () => {
    const parsed = brandingSchema.parse({ displayName: "  Acme  ", primaryColor: "#F00", backgroundColor: "#000000", cornerRadius: "12" });
    expect(parsed).toEqual({ displayName: "Acme", primaryColor: "#ff0000", backgroundColor: "#000000", cornerRadius: 12 });
  });

  it("explains each refusal in words", () => {
    const errors = brandingFieldErrors({ displayName: "   ", primaryColor: "blue", backgroundColor: "#12", cornerRadius: "25" });
    expect(errors.displayName).toBe("Enter the name customers see at checkout.");
    expect(errors.primaryColor).toBe("Use a hex colour like #4c6ef5 (or the short form #46f).");
    expect(errors.backgroundColor).toMatch(/hex colour like #ffffff/);
    expect(errors.cornerRadius).toBe("Choose a corner radius from 0 to 24 px.");
    expect(brandingFieldErrors({ displayName: "x".repeat(61), primaryColor: "#fff", backgroundColor: "#000", cornerRadius: "-1" })).toEqual({
      displayName: "Keep the display name to 60 characters or fewer.",
      cornerRadius: "Choose a corner radius from 0 to 24 px.",
    });
    expect(brandingFieldErrors({ displayName: "x".repeat(60), primaryColor: "#fff", backgroundColor: "#000", cornerRadius: "2.5" })).toEqual({
      cornerRadius: "Use a whole number of pixels.",
    });
    expect(brandingFieldErrors({ displayName: "Acme", primaryColor: "", backgroundColor: "#000", cornerRadius: "" })).toEqual({
      primaryColor: "Enter a hex colour, for example #4c6ef5.",
      cornerRadius: "Choose a corner radius from 0 to 24 px.",
    });
  });

  it("measures WCAG contrast and warns below 3:1", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#777777")).toBeCloseTo(1, 5);
    expect(contrastWarning("#4c6ef5", "#ffffff")).toBeNull();
    expect(contrastWarning("#ffff00", "#ffffff")).toMatch(/contrast of 1\.07:1 .* at least 3:1/);
    expect(contrastWarning("#fff", "#FFFFFF")).toMatch(/1\.00:1/);
  });
});

describe("updateBranding / getBranding", () => {
  it("starts from the project's name and the defaults, with no logo", async () => {
    const branding = await getBranding(adminCtx);
    expect(branding).toMatchObject({ displayName: "Acme Shop", primaryColor: "#4c6ef5", backgroundColor: "#ffffff", cornerRadius: 8, logo: null });
  });

  it("saves, normalises, reads back and audits only what changed", async () => {
    const before = (await auditRows(projectA, "branding.updated")).length;
    const result = await updateBranding(adminCtx, { displayName: "Acme Games", primaryColor: "#0A0", backgroundColor: "#ffffff", cornerRadius: 16 });
    expect(result.changedFields).toEqual(["displayName", "primaryColor", "cornerRadius"]);
    expect(result.warning).toBeNull();
    expect(await getBranding(adminCtx)).toMatchObject({ displayName: "Acme Games", primaryColor: "#00aa00", backgroundColor: "#ffffff", cornerRadius: 16 });
    expect(await storedBranding(projectA)).toMatchObject({ primaryColor: "#00aa00", cornerRadius: 16 });

    const rows = await auditRows(projectA, "branding.updated");
    expect(rows).toHaveLength(before + 1);
    const row = rows.at(-1)!;
    expect(row).toMatchObject({ organizationId: adminCtx.organizationId, targetType: "project", targetId: projectA, actorUserId: admin.id });
    expect(row.details).toEqual({
      changedFields: ["displayName", "primaryColor", "cornerRadius"],
      changes: {
        displayName: { from: "Acme Shop", to: "Acme Games" },
        primaryColor: { from: "#4c6ef5", to: "#00aa00" },
        cornerRadius: { from: 8, to: 16 },
      },
    });
  });

  it("writes nothing and audits nothing when nothing changed", async () => {
    const before = (await auditRows(projectA)).length;
    const result = await updateBranding(adminCtx, { displayName: "Acme Games", primaryColor: "#00AA00", backgroundColor: "#fff", cornerRadius: 16 });
    expect(result.changedFields).toEqual([]);
    expect(await auditRows(projectA)).toHaveLength(before);
  });

  it("saves a low-contrast pair but returns a warning", async () => {
    const result = await updateBranding(adminCtx, { displayName: "Acme Games", primaryColor: "#fafafa", backgroundColor: "#ffffff", cornerRadius: 16 });
    expect(result.changedFields).toEqual(["primaryColor"]);
    expect(result.warning).toMatch(/contrast/);
    expect((await getBranding(adminCtx)).primaryColor).toBe("#fafafa");
  });

  it("refuses invalid input even when called directly", async () => {
    await expect(updateBranding(adminCtx, { displayName: "", primaryColor: "red", backgroundColor: "#fff", cornerRadius: 99 })).rejects.toThrow();
    await expect(updateBranding(adminCtx, { displayName: "", primaryColor: "red", backgroundColor: "#fff", cornerRadius: 99 })).rejects.toMatchObject({
      code: "VALIDATION_ERROR",
      details: expect.arrayContaining([{ field: "displayName", message: "Enter the name customers see at checkout." }]),
    });
  });

  it("never reads or changes another organization's project, even with a forged context", async () => {
    const forged = { ...adminCtx, projectId: projectB };
    expect(thrownStatus(await getBranding(forged).catch((e) => e))).toBe(404);
    expect(
      thrownStatus(await updateBranding(forged, { displayName: "Hijacked", primaryColor: "#000", backgroundColor: "#fff", cornerRadius: 0 }).catch((e) => e)),
    ).toBe(404);
    expect(thrownStatus(await setLogo(forged, png()).catch((e) => e))).toBe(404);
    expect(thrownStatus(await removeLogo(forged).catch((e) => e))).toBe(404);
    expect(await storedBranding(projectB)).toMatchObject({ displayName: "Other Shop", logo: null });
    expect(await auditRows(projectB, "branding.updated")).toHaveLength(0);
  });
});

describe("logos", () => {
  it("accepts real PNG, JPEG and WebP bytes, by content", async () => {
    expect(await checkLogo(png(), "image/png")).toBe("image/png");
    expect(await checkLogo(JPEG, "image/jpeg")).toBe("image/jpeg");
    expect(await checkLogo(WEBP, "image/webp")).toBe("image/webp");
    // The declared type is the uploader's claim; the bytes decide.
    expect(await checkLogo(JPEG, "image/png")).toBe("image/jpeg");
    expect(await checkLogo(WEBP, "application/octet-stream")).toBe("image/webp");
    expect(await checkLogo(png(), "image/svg+xml")).toBe("image/png");
  });

  it("refuses SVG, whatever it is called", async () => {
    for (const [bytes, declared] of [
      [SVG, "image/svg+xml"],
      [SVG, "image/png"],
      [SVG_WITH_PROLOG, ""],
      [Buffer.from(`\uFEFF  ${SVG.toString()}`), "image/webp"],
    ] as const) {
      await expect(checkLogo(bytes, declared)).rejects.toMatchObject(
        logoRefusal("SVG logos aren't accepted because an SVG can carry scripts. Upload a PNG, JPEG or WebP image."),
      );
    }
  });

  it("refuses a text file renamed .png, other image formats, empty and oversized files", async () => {
    await expect(checkLogo(TEXT, "image/png")).rejects.toMatchObject(
      logoRefusal("That file is named like an image, but its contents aren't a PNG, JPEG or WebP image. Upload a PNG, JPEG or WebP image."),
    );
    await expect(checkLogo(TEXT, "text/plain")).rejects.toMatchObject(logoRefusal("That file isn't an image. Upload a PNG, JPEG or WebP image."));
    await expect(checkLogo(GIF, "image/gif")).rejects.toMatchObject(logoRefusal("GIF images aren't supported. Upload a PNG, JPEG or WebP image."));
    await expect(checkLogo(new Uint8Array(0), "image/png")).rejects.toMatchObject(logoRefusal("Choose an image file to upload."));
    const big = Buffer.concat([png(), Buffer.alloc(LOGO_MAX_BYTES)]);
    await expect(checkLogo(big, "image/png")).rejects.toMatchObject(
      logoRefusal("The file is 257 KB; logos can be at most 256 KB. Export it smaller, or as WebP."),
    );
    // Exactly 256 KB is allowed.
    expect(await checkLogo(Buffer.concat([png(), Buffer.alloc(LOGO_MAX_BYTES - png().length)]), "image/png")).toBe("image/png");
  });

  it("stores, serves and removes a logo, auditing each step", async () => {
    for (const [bytes, type] of [
      [png(), "image/png"],
      [JPEG, "image/jpeg"],
      [WEBP, "image/webp"],
    ] as const) {
      const stored = await setLogo(adminCtx, bytes, type);
      expect(stored).toEqual({ contentType: type, sizeBytes: bytes.length });
      const logo = await getLogo(database.db, projectA);
      expect(logo?.contentType).toBe(type);
      expect(Buffer.compare(logo!.bytes, bytes)).toBe(0);
      const branding = await getBranding(adminCtx);
      expect(branding.logo).toEqual({ contentType: type, sizeBytes: bytes.length, url: `/branding/${projectA}/logo?v=${branding.updatedAt.getTime()}` });
    }
    const uploads = await auditRows(projectA, "branding.logo_uploaded");
    expect(uploads).toHaveLength(3);
    expect(uploads.map((r) => r.details)).toEqual([
      { changedFields: ["logo"], contentType: "image/png", sizeBytes: png().length, replaced: false },
      { changedFields: ["logo"], contentType: "image/jpeg", sizeBytes: JPEG.length, replaced: true },
      { changedFields: ["logo"], contentType: "image/webp", sizeBytes: WEBP.length, replaced: true },
    ]);
    expect(uploads.every((r) => r.targetType === "project" && r.targetId === projectA && r.actorUserId === admin.id)).toBe(true);

    // A refused file changes nothing.
    await expect(setLogo(adminCtx, SVG, "image/svg+xml")).rejects.toMatchObject({ code: "VALIDATION_ERROR", details: [{ field: "logo" }] });
    expect((await getLogo(database.db, projectA))?.contentType).toBe("image/webp");
    expect(await auditRows(projectA, "branding.logo_uploaded")).toHaveLength(3);

    expect(await removeLogo(adminCtx)).toEqual({ removed: true });
    expect(await getLogo(database.db, projectA)).toBeNull();
    expect((await getBranding(adminCtx)).logo).toBeNull();
    expect(await removeLogo(adminCtx)).toEqual({ removed: false });
    const removals = await auditRows(projectA, "branding.logo_removed");
    expect(removals).toHaveLength(1);
    expect(removals[0]!.details).toEqual({ changedFields: ["logo"], contentType: "image/webp", sizeBytes: WEBP.length });
  });
});

describe("the branding page", () => {
  it("loads for every role of the organization; only owner and admin may edit", async () => {
    for (const [user, canEdit] of [
      [owner, true],
      [admin, true],
      [developer, false],
      [support, false],
    ] as const) {
      const answer = await loader({ request: getRequest(user, pagePath(projectA)), params: params(projectA), context: {} });
      expect(answer.canEdit).toBe(canEdit);
      expect(answer.project.id).toBe(projectA);
    }
  });

  it("answers 404 to another organization, for the page and its action", async () => {
    const load = await loader({ request: getRequest(outsider, pagePath(projectA)), params: params(projectA), context: {} }).catch((e) => e);
    expect(thrownStatus(load)).toBe(404);
    const save = await runAction(
      postForm(outsider, projectA, { intent: "save", displayName: "Hijacked", primaryColor: "#000", backgroundColor: "#fff", cornerRadius: "0" }),
      projectA,
    );
    expect(save.status).toBe(404);
    expect((await runAction(postLogo(outsider, projectA, png(), "logo.png", "image/png"), projectA)).status).toBe(404);
    expect((await runAction(postForm(admin, projectB, { intent: "remove-logo" }), projectB)).status).toBe(404);
    expect((await getBranding(adminCtx)).displayName).not.toBe("Hijacked");
  });

  it("refuses developers and support with 403 on every intent, and changes nothing", async () => {
    const before = await storedBranding(projectA);
    const auditBefore = (await auditRows(projectA)).length;
    for (const user of [developer, support]) {
      const fields = { intent: "save", displayName: "Not yours", primaryColor: "#000", backgroundColor: "#fff", cornerRadius: "0" };
      expect((await runAction(postForm(user, projectA, fields), projectA)).status).toBe(403);
      expect((await runAction(postLogo(user, projectA, png(), "logo.png", "image/png"), projectA)).status).toBe(403);
      expect((await runAction(postForm(user, projectA, { intent: "remove-logo" }), projectA)).status).toBe(403);
    }
    expect(await storedBranding(projectA)).toEqual(before);
    expect(await auditRows(projectA)).toHaveLength(auditBefore);
  });

  it("saves as an admin, and answers invalid fields with messages beside each field", async () => {
    const saved = await runAction(
      postForm(admin, projectA, { intent: "save", displayName: " Acme Checkout ", primaryColor: "#C92A2A", backgroundColor: "#FFF", cornerRadius: "4" }),
      projectA,
    );
    expect(saved).toMatchObject({
      status: 200,
      ok: true,
      intent: "save",
      message: "Branding saved. New checkouts use it right away.",
      data: { warning: null },
    });
    expect(await getBranding(adminCtx)).toMatchObject({ displayName: "Acme Checkout", primaryColor: "#c92a2a", backgroundColor: "#ffffff", cornerRadius: 4 });

    const invalid = await runAction(
      postForm(admin, projectA, { intent: "save", displayName: "", primaryColor: "crimson", backgroundColor: "#fff", cornerRadius: "40" }),
      projectA,
    );
    expect(invalid.status).toBe(200);
    expect(invalid.fieldErrors).toEqual({
      displayName: "Enter the name customers see at checkout.",
      primaryColor: "Use a hex colour like #4c6ef5 (or the short form #46f).",
      cornerRadius: "Choose a corner radius from 0 to 24 px.",
    });
    expect((await getBranding(adminCtx)).displayName).toBe("Acme Checkout");
    expect((await runAction(postForm(admin, projectA, { intent: "explode" }), projectA)).status).toBe(400);
  });

  it("uploads through the multipart form, refusing SVG, fakes and files over 256 KB with field errors", async () => {
    const ok = await runAction(postLogo(owner, projectA, png(4, 4), "logo.png", "image/png"), projectA);
    expect(ok).toMatchObject({ status: 200, ok: true, intent: "upload-logo" });

    const svg = await runAction(postLogo(admin, projectA, SVG, "logo.svg", "image/svg+xml"), projectA);
    expect(svg.status).toBe(200);
    expect(svg.fieldErrors.logo).toMatch(/^SVG logos aren't accepted/);
    const fake = await runAction(postLogo(admin, projectA, TEXT, "logo.png", "image/png"), projectA);
    expect(fake.fieldErrors.logo).toMatch(/named like an image, but its contents aren't/);
    const empty = await runAction(postLogo(admin, projectA, new Uint8Array(0), "", "application/octet-stream"), projectA);
    expect(empty.fieldErrors.logo).toBe("Choose a PNG, JPEG or WebP file to upload.");

    // Over the limit, the upload handler stops reading and the action answers with a message.
    const big = await runAction(postLogo(admin, projectA, Buffer.concat([png(), Buffer.alloc(300 * 1024)]), "big.png", "image/png"), projectA);
    expect(big).toMatchObject({
      status: 200,
      ok: false,
      intent: "upload-logo",
      fieldErrors: { logo: "The file is larger than 256 KB. Export the logo smaller (or as WebP) and try again." },
    });
    // The accepted logo is still the one served.
    const logo = await getLogo(database.db, projectA);
    expect(Buffer.compare(logo!.bytes, png(4, 4))).toBe(0);

    const removed = await runAction(postForm(admin, projectA, { intent: "remove-logo" }), projectA);
    expect(removed).toMatchObject({ status: 200, ok: true, message: "Logo removed. The checkout shows the display name again." });
  });
});

describe("GET /branding/:projectId/logo", () => {
  const get = (projectId: string, headers: HeadersInit = {}) =>
    logoLoader({ request: new Request(`${BASE}/branding/${projectId}/logo`, { headers }), params: { projectId }, context: {} });

  it("serves the bytes with their type, safely, without signing in", async () => {
    const bytes = png(3, 3);
    await setLogo(adminCtx, bytes, "image/png");
    const response = await get(projectA);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/png");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(response.headers.get("Content-Security-Policy")).toBe("default-src 'none'");
    expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), bytes)).toBe(0);

    const again = await get(projectA, { "If-None-Match": response.headers.get("ETag")! });
    expect(again.status).toBe(304);

    await setLogo(adminCtx, JPEG, "image/jpeg");
    expect((await get(projectA)).headers.get("Content-Type")).toBe("image/jpeg");
  });

  it("answers 404 without a logo, for an unknown project and for an invalid id", async () => {
    for (const id of [projectB, crypto.randomUUID(), "not-a-uuid", "' or 1=1 --"]) {
      const response = await get(id);
      expect(response.status, id).toBe(404);
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    }
  });
});
