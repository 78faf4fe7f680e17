/** Where the verification mail's link lands: checks the token and says what happened. */
import { Button, Stack, Text, Title } from "@mantine/core";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { safeRedirectPath } from "~/lib/http.server";
import { verifyEmailToken } from "~/orgs/account-email.server";

export const meta: MetaFunction = () => [{ title: "Verify your email · Ramp" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  if (!token) throw redirect("/check-email");
  const next = safeRedirectPath(url.searchParams.get("next"), "/");
  const result = await verifyEmailToken(token);
  return result.ok ? { state: "verified" as const, email: result.email, next } : { state: "invalid" as const, message: result.message, next };
}

export default function VerifyEmail() {
  const data = useLoaderData<typeof loader>();
  if (data.state === "invalid") {
    return (
      <Stack>
        <Title order={2}>This link can't be used</Title>
        <Text c="dimmed">{data.message}</Text>
        <Button component={Link} to={`/check-email${data.next !== "/" ? `?next=${encodeURIComponent(data.next)}` : ""}`} variant="light">
          Get a new link
        </Button>
      </Stack>
    );
  }
  return (
    <Stack>
      <Title order={2}>Email verified</Title>
      <Text>
        <b style={{ overflowWrap: "anywhere" }}>{data.email}</b> is confirmed. Thank you.
      </Text>
      <Button component={Link} to={data.next}>
        {data.next.startsWith("/invite/") ? "Continue to your invitation" : "Continue to the console"}
      </Button>
    </Stack>
  );
}
