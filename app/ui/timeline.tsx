import { Text, Timeline } from "@mantine/core";
import { IconCheck, IconCircleDot, IconX } from "@tabler/icons-react";
import { formatDateTimeSeconds } from "./format";
import { SectionCard } from "./section-card";

interface TimelineStep {
  label: string;
  at: string | null;
  /** A failure or an ending that isn't success (failed, expired, cancelled). */
  bad?: boolean;
  detail?: string;
}

/** What happened, oldest first; steps that never happened are left out. */
export function StatusTimeline({ steps, testId }: { steps: TimelineStep[]; testId?: string }) {
  const happened = steps.filter((s) => s.at).sort((a, b) => a.at!.localeCompare(b.at!));
  return (
    <Timeline active={happened.length - 1} bulletSize={22} lineWidth={2} data-testid={testId}>
      {happened.map((step) => (
        <Timeline.Item
          key={`${step.label}-${step.at}`}
          title={step.label}
          color={step.bad ? "red" : undefined}
          bullet={step.bad ? <IconX size={12} /> : step.label === "Created" ? <IconCircleDot size={12} /> : <IconCheck size={12} />}
        >
          <Text size="xs" c="dimmed">
            {formatDateTimeSeconds(step.at)}
          </Text>
          {step.detail ? (
            <Text size="xs" c="dimmed">
              {step.detail}
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** A record page's "Timeline" card. */
export function TimelineCard({ steps, testId }: { steps: TimelineStep[]; testId: string }) {
  return (
    <SectionCard title="Timeline">
      <StatusTimeline testId={testId} steps={steps} />
    </SectionCard>
  );
}
