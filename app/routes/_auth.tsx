import { Box, Center, Paper, Stack } from "@mantine/core";
import { Outlet } from "@remix-run/react";
import { BrandMark } from "~/ui/brand";
import { RouteErrorPage } from "~/ui/route-error";

/** Centered card for sign-in, sign-up, onboarding and invitations. */
export default function AuthLayout() {
  return (
    <Box mih="100vh" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
      <Center mih="100vh" p="md">
        <Stack w="100%" maw={420} gap="lg">
          <Center>
            <BrandMark size="lg" />
          </Center>
          <Paper withBorder shadow="sm" p="xl" radius="lg">
            <Outlet />
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage fullPage />;
}
