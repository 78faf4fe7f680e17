/**
 * The quick start (issue 17): the whole path from a session to a verified webhook, with this project's values, a
 * copy button per step, and each step ticked off once it has happened in this project and mode
 * (app/projects/quick-start.server.ts). On the project overview and the Get started page.
 */
import { Anchor, Badge, Button, Card, Code, Group, Stack, Tabs, Text, ThemeIcon, Title } from "@mantine/core";
import { Link, useFetcher } from "@remix-run/react";
import { IconCheck } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { CopyButton } from "~/ui/copy-button";
import { useActionResult } from "~/ui/use-action-result";
import type { action as keysAction } from "~/routes/_app.projects.$projectId.$mode.keys/route";
import {
  EXAMPLE_RECEIVER_PATH,
  quickStartListenCommand,
  quickStartNodeSnippet,
  quickStartPythonSnippet,
  quickStartReturnUrl,
  quickStartSnippet,
} from "./quick-start-snippets";
import type { QuickStartProgress } from "./quick-start.server";

function Step({ number, done, title, children, testId }: { number: number; done: boolean; title: string; children: ReactNode; testId: string }) {
  return (
    <Group align="flex-start" wrap="nowrap" gap="sm" data-testid={testId} data-done={done ? "true" : "false"}>
      <ThemeIcon
        radius="xl"
        size={28}
        color={done ? "teal" : "gray"}
        variant={done ? "filled" : "light"}
        role="img"
        aria-label={done ? "Done" : `Step ${number}`}
      >
        {done ? (
          <IconCheck size={16} />
        ) : (
          <Text size="sm" fw={700}>
            {number}
          </Text>
        )}
      </ThemeIcon>
      <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
        <Group gap="xs">
          <Text fw={600}>{title}</Text>
          {done ? (
            <Badge color="teal" variant="light" size="sm">
              Done
            </Badge>
          ) : null}
        </Group>
        {children}
      </Stack>
    </Group>
  );
}

function Snippet({ code, label, testId }: { code: string; label: string; testId?: string }) {
  return (
    <div style={{ position: "relative" }}>
      <Code block fz="xs" data-testid={testId} style={{ paddingRight: 40, overflowX: "auto" }} tabIndex={0}>
        {code}
      </Code>
      <div style={{ position: "absolute", top: 4, right: 4 }}>
        <CopyButton value={code} label={label} />
      </div>
    </div>
  );
}

export function QuickStart({
  baseUrl,
  mode,
  secret,
  base,
  progress,
}: {
  baseUrl: string;
  mode: string;
  secret: { id: string; masked: string; revealable: boolean } | null;
  /** The project's console path in this mode. */
  base: string;
  progress: QuickStartProgress;
}) {
  // Revealing goes through the keys page's action, so it is permission-checked and audited.
  const reveal = useFetcher<typeof keysAction>();
  const outcome = useActionResult(reveal.data, { intent: "reveal" });
  const revealed = outcome.result?.ok && outcome.result.intent === "reveal" && outcome.result.data.keyId === secret?.id ? outcome.result.data.token : null;
  const key = revealed ?? (mode === "live" ? "sk_live_YOUR_SECRET_KEY" : (secret?.masked ?? "sk_test_YOUR_SECRET_KEY"));
  const steps = [progress.sessionCreated, progress.orderPaid, progress.orderPaid, progress.deliverySucceeded];
  const doneCount = steps.filter(Boolean).length;

  return (
    <Card withBorder padding="lg" data-testid="quick-start-card">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={4}>Quick start: from a session to a verified webhook</Title>
        <Group gap="xs">
          <Badge variant="light" color={doneCount === 4 ? "teal" : "gray"} data-testid="quick-start-progress">
            {doneCount} of 4 done
          </Badge>
          {secret?.revealable && !revealed ? (
            <reveal.Form method="post" action={`${base}/keys`}>
              <input type="hidden" name="intent" value="reveal" />
              <input type="hidden" name="keyId" value={secret.id} />
              <Button type="submit" size="xs" variant="light" loading={reveal.state !== "idle"}>
                Insert my test secret key
              </Button>
            </reveal.Form>
          ) : null}
        </Group>
      </Group>
      {mode === "live" ? (
        <Text size="sm" c="dimmed" mb="sm">
          This is live mode: use your live secret key (shown once when it was created) and your own redirectUrl. Try the path in test mode first.
        </Text>
      ) : null}
      {outcome.formError ? (
        <Text size="xs" c="red" mb="xs">
          {outcome.formError}
        </Text>
      ) : null}
      <Stack gap="lg">
        <Step number={1} done={progress.sessionCreated} title="Create a checkout session from your backend" testId="quick-start-step-session">
          <Tabs defaultValue="curl" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="curl">curl</Tabs.Tab>
              <Tabs.Tab value="node">Node</Tabs.Tab>
              <Tabs.Tab value="python">Python</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="curl" pt="xs">
              <Snippet code={quickStartSnippet(baseUrl, key)} label="Copy command" testId="quick-start" />
            </Tabs.Panel>
            <Tabs.Panel value="node" pt="xs">
              <Snippet code={quickStartNodeSnippet(baseUrl, key)} label="Copy Node code" testId="quick-start-node" />
            </Tabs.Panel>
            <Tabs.Panel value="python" pt="xs">
              <Snippet code={quickStartPythonSnippet(baseUrl, key)} label="Copy Python code" testId="quick-start-python" />
            </Tabs.Panel>
          </Tabs>
          <Text size="xs" c="dimmed">
            Its redirectUrl,{" "}
            <Code fz="xs" style={{ overflowWrap: "anywhere" }}>
              {quickStartReturnUrl(baseUrl)}
            </Code>
            , is our outcome page: it shows how the payment ended.
          </Text>
        </Step>
        <Step number={2} done={progress.orderPaid} title="Open the answer's url" testId="quick-start-step-open">
          <Text size="sm">
            <Code>attributes.url</Code> in the answer is the hosted checkout of that session (returned once: it holds the clientSecret). Open it in your
            browser, or redirect your customer there. Pick a gateway and press Continue.
          </Text>
        </Step>
        <Step number={3} done={progress.orderPaid} title="Pay in the sandbox" testId="quick-start-step-pay">
          <Text size="sm">
            The sandbox gateway&apos;s page offers <b>Approve payment</b> and <b>Decline payment</b>. Approve: you land on the outcome page with the session,
            its order and what to build next.
          </Text>
        </Step>
        <Step number={4} done={progress.deliverySucceeded} title="Receive and verify the webhook" testId="quick-start-step-webhook">
          <Text size="sm">
            In a second terminal, from the repo: this starts the example receiver (the{" "}
            <Anchor component={Link} to={`${base}/webhooks`} size="sm" underline="always">
              webhooks page
            </Anchor>
            &apos;s Node sample, <Code fz="xs">{EXAMPLE_RECEIVER_PATH}</Code>) and forwards this project&apos;s test events to it with the CLI, both with one
            signing secret. The receiver prints <Code fz="xs">verified order.completed …</Code> for each event it checked.
          </Text>
          <Snippet code={quickStartListenCommand(baseUrl, key, progress.listenSecret)} label="Copy listen command" testId="quick-start-listen" />
          <Text size="xs" c="dimmed">
            Or add an endpoint on the webhooks page: this step ticks off with its first successful delivery.{" "}
            <Code fz="xs">npx ramp trigger order.completed</Code> fires the events again without a browser.
          </Text>
        </Step>
      </Stack>
    </Card>
  );
}
