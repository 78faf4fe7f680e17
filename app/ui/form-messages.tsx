import { Alert, Box } from "@mantine/core";

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

/** A form's error set a little apart from what stands above it; nothing when there is none. */
export function FormErrorBelow({ error }: { error?: string | null }) {
  return error ? (
    <Box mt="sm">
      <FormMessages error={error} />
    </Box>
  ) : null;
}
