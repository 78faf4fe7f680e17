/**
 * How the branding page reads its posts. The logo form is multipart: its file is held in
 * memory up to 256 KB, and a bigger part stops the upload early (Remix throws
 * MaxPartSizeExceededError), which becomes a field error rather than a crash.
 */
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type ActionFunctionArgs } from "@remix-run/node";
import { LOGO_MAX_BYTES } from "~/branding/schemas";
import { fieldError } from "~/lib/domain-error";
import { badRequest } from "~/lib/http.server";
import { requireProject } from "~/lib/permissions.server";
import type { Permission } from "~/lib/roles";

export const UPDATE_BRANDING: Permission = { branding: ["update"] };

/** Set by the reader (never by the browser: the upload keeps only `intent` and `logo`) when the file was over the limit. */
const TOO_LARGE = "logoTooLarge";
const SIZE_ERROR = "The file is larger than 256 KB. Export the logo smaller (or as WebP) and try again.";

export async function readBrandingForm(request: Request, params: ActionFunctionArgs["params"]): Promise<FormData> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) return request.formData();
  // The guard reads headers only, so a forbidden upload is refused before its body is read.
  await requireProject(request, params, UPDATE_BRANDING);
  const uploadHandler = unstable_createMemoryUploadHandler({
    maxPartSize: LOGO_MAX_BYTES,
    // Only the two fields the logo form sends are buffered; anything else is skipped.
    filter: ({ name }) => name === "intent" || name === "logo",
  });
  try {
    return await unstable_parseMultipartFormData(request, uploadHandler);
  } catch (error) {
    if (!(error instanceof MaxPartSizeExceededError)) badRequest("We couldn't read that upload. Try choosing the file again.");
    // Only the logo form uploads, and the rest of its body is never read: answer as its intent.
    const form = new FormData();
    form.set("intent", "upload-logo");
    form.set(TOO_LARGE, "1");
    return form;
  }
}

/** The uploaded logo file, or the field error that says what is wrong with the upload. */
export function uploadedLogo(formData: FormData): File {
  if (formData.has(TOO_LARGE)) throw fieldError("logo", SIZE_ERROR);
  const file = formData.get("logo");
  if (!(file instanceof File) || file.size === 0) throw fieldError("logo", "Choose a PNG, JPEG or WebP file to upload.");
  return file;
}
