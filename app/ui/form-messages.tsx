import { Alert } from "@mantine/core";

/** A form's overall error (red) or confirmation (teal), announced to screen readers. */
export function FormMessages({ error, success }: { error?: string | null; success?: string | null }) {
  return (
    <>
      {error ? (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      ) : null}
      {success ? (
        <Alert color="teal" variant="light" role="status">
          {success}
        </Alert>
      ) : null}
    </>
  );
}
