/** The signed-in person's own account: their name and their password (through better-auth, as them). */
import type { z } from "zod";
import { cookieHeaders } from "~/lib/auth-calls.server";
import { getAuth } from "~/lib/auth.server";
import { authCall } from "~/orgs/auth-call.server";
import type { passwordChangeSchema } from "~/orgs/schemas";

export async function updateProfile(headers: Headers, name: string) {
  const auth = await getAuth();
  await authCall(() => auth.api.updateUser({ body: { name }, headers }));
}

/**
 * Changes the password and signs out every other session. Answers the Set-Cookie headers of
 * this browser's new session (the old one is revoked with the others): pass them on.
 */
export async function changePassword(headers: Headers, input: z.infer<typeof passwordChangeSchema>) {
  const auth = await getAuth();
  const result = await authCall(
    () =>
      auth.api.changePassword({
        body: { currentPassword: input.currentPassword, newPassword: input.newPassword, revokeOtherSessions: true },
        headers,
        returnHeaders: true,
      }),
    (code) => (code === "INVALID_PASSWORD" ? "currentPassword" : undefined),
  );
  return cookieHeaders(result.headers);
}
