import { Button, Center, Code, Group, Stack, Text, Title } from "@mantine/core";
import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";

const TITLES: Record<number, string> = {
  400: "That request didn't look right",
  401: "Please sign in",
  403: "You don't have access to this",
  404: "Page not found",
  500: "Something went wrong on our side",
};

/** The console's one error page: maps a status to a readable message, never a stack trace. */
export function RouteErrorPage({ fullPage = false }: { fullPage?: boolean }) {
  const error = useRouteError();
  let status = 500;
  let message = "We've logged the problem. Try again in a moment.";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const data = error.data as { message?: string } | string | undefined;
    message = typeof data === "string" && data ? data : (typeof data === "object" && data?.message) || message;
    if (status === 404 && !(typeof data === "object" && data?.message)) message = "We couldn't find that page.";
  } else if (error instanceof Error) {
    console.error(error);
  }
  return (
    <Center mih={fullPage ? "100vh" : 320} p="xl">
      <Stack align="center" gap="sm" maw={480} data-testid="error-page">
        <Code fz="lg">{status}</Code>
        <Title order={2} ta="center">
          {TITLES[status] ?? TITLES[500]}
        </Title>
        <Text c="dimmed" ta="center">
          {message}
        </Text>
        <Group mt="md">
          <Button component={Link} to="/" variant="light">
            Back to the console
          </Button>
        </Group>
      </Stack>
    </Center>
  );
}
