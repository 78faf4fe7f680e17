/** Above every console page while the signed-in address is unverified: why it matters, and a new link. */
import { Alert, Button, Group, Text } from "@mantine/core";
import { Form, useLocation } from "@remix-run/react";
import { IconMail } from "@tabler/icons-react";

export function VerifyEmailBanner({ email }: { email: string }) {
  const location = useLocation();
  const next = `${location.pathname}${location.search}`;
  return (
    <Alert color="yellow" variant="light" icon={<IconMail size={18} />} mb="md" data-testid="verify-email-banner">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" style={{ flex: "1 1 260px", overflowWrap: "anywhere" }}>
          <b>Verify your email address.</b> We sent a link to {email}. Until you open it you can't accept invitations to other organizations.
        </Text>
        <Form method="post" action={`/check-email?next=${encodeURIComponent(next)}`}>
          <input type="hidden" name="intent" value="resend" />
          <input type="hidden" name="next" value={next} />
          <Button type="submit" size="xs" variant="light" color="yellow">
            Send the link again
          </Button>
        </Form>
      </Group>
    </Alert>
  );
}
