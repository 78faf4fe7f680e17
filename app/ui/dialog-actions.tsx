import { Button, Group } from "@mantine/core";

/** The last row of a dialog's form: Cancel, then the submit button (red for one that destroys something). */
export function DialogActions({ submit, loading, onCancel, color }: { submit: string; loading: boolean; onCancel: () => void; color?: "red" }) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" color={color} loading={loading}>
        {submit}
      </Button>
    </Group>
  );
}
