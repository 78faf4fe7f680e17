/**
 * The frame every checkout screen sits in: the partner's logo or name, a test-mode badge, one
 * card centred on the partner's background, and a short footer. Full width on a 360 px phone,
 * a 480 px card on larger screens.
 */
import { Badge, Box, Card, Group, Image, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { CheckoutBranding } from "./checkout.server";

export function CheckoutShell({ branding, testMode, children }: { branding: CheckoutBranding | null; testMode?: boolean; children: ReactNode }) {
  const name = branding?.displayName ?? "Checkout";
  return (
    <Box mih="100vh" py={{ base: 0, xs: "xl" }} px={{ base: 0, xs: "md" }} bg="var(--mantine-color-body)">
      <Box component="main" maw={480} mx="auto">
        <Card
          withBorder
          shadow="sm"
          padding="lg"
          radius={branding ? branding.cornerRadius : "md"}
          bg="var(--mantine-color-body)"
          style={{ borderColor: "var(--mantine-color-default-border)" }}
        >
          <Stack gap="lg">
            <Group justify="space-between" wrap="nowrap" gap="sm" mih={36}>
              {branding?.logoUrl ? (
                <Image src={branding.logoUrl} alt={name} h={36} w="auto" maw={180} fit="contain" data-testid="checkout-logo" />
              ) : (
                <Text fw={650} fz="lg" lineClamp={1} data-testid="checkout-merchant">
                  {name}
                </Text>
              )}
              {testMode ? (
                <Badge
                  variant="default"
                  leftSection={<Box component="span" w={8} h={8} bg="orange.6" style={{ borderRadius: 4 }} />}
                  data-testid="checkout-test-mode"
                >
                  Test mode
                </Badge>
              ) : null}
            </Group>
            {children}
          </Stack>
        </Card>
        <Text ta="center" size="xs" c="dimmed" mt="sm" pb="md">
          Secure checkout powered by Ramp
        </Text>
      </Box>
    </Box>
  );
}
