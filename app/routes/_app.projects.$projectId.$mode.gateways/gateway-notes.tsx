/** The notes above the gateway list: what the mode means, a read-only role, and no gateway enabled. */
import { Alert } from "@mantine/core";
import { IconAlertTriangle, IconFlask, IconInfoCircle, IconLock } from "@tabler/icons-react";

export function GatewayNotes({ mode, canUpdate, enabledCount }: { mode: "test" | "live"; canUpdate: boolean; enabledCount: number }) {
  return (
    <>
      {mode === "test" ? (
        <Alert variant="light" color="blue" icon={<IconFlask size={18} />} data-testid="sandbox-note">
          Test mode uses the sandbox provider: every gateway is simulated on this server, so no credentials are needed and no money moves. Approve or decline
          each payment on the sandbox's page.
        </Alert>
      ) : (
        <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} data-testid="live-note">
          Live orders are placed with each gateway under your own account, never with the sandbox. Add the credentials from the gateway's dashboard, run Test
          connection, paste the callback URL into the gateway's dashboard, then enable it. Credentials and callback secrets are stored encrypted and never shown
          again.
        </Alert>
      )}

      {canUpdate ? null : (
        <Alert variant="light" color="gray" icon={<IconLock size={18} />} data-testid="read-only-note">
          You can see this project's gateway settings. Changing them needs the Admin or Owner role.
        </Alert>
      )}

      {enabledCount === 0 ? (
        <Alert variant="light" color="yellow" icon={<IconAlertTriangle size={18} />} data-testid="none-enabled">
          No gateway is enabled in {mode} mode: quotes come back empty and checkouts can't start.
          {canUpdate ? (mode === "live" ? " Add credentials for a gateway, then switch it on." : " Switch on at least one gateway below.") : ""}
        </Alert>
      ) : null}
    </>
  );
}
