/**
 * The fields both checkout forms (buy and sell) are made of: a value the partner locked shows read-only with who set
 * it; an open one is an input within the partner's bounds.
 */
import { Select, Textarea, TextInput } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useEffect } from "react";
import { cryptoByCode, fiatByCode, networkById } from "~/gateways/catalogue";
import type { FieldView } from "./checkout.server";

// Hints under the input, so side-by-side inputs line up whatever their hints say.
export const BELOW: ("label" | "input" | "description" | "error")[] = ["label", "input", "description", "error"];

/** How the customer reads a code: "ETH · Ethereum", "EUR · Euro", "Ethereum" (a network). */
export const cryptoLabel = (code: string) => `${code} · ${cryptoByCode(code)?.name ?? code}`;
export const fiatLabel = (code: string) => `${code} · ${fiatByCode(code)?.name ?? code}`;
export const networkLabel = (id: string) => networkById(id)?.name ?? id;

/** The amount: locked, or an input with the partner's bounds as its hint. */
export function AmountField({
  field,
  label,
  value,
  merchant,
  onChange,
  error,
}: {
  field: FieldView;
  label: string;
  value: string;
  merchant: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  if (field.locked) return <LockedField label={label} value={value} merchant={merchant} testId="field-sourceAmount" />;
  const hint = [field.min && `at least ${field.min}`, field.max && `at most ${field.max}`].filter(Boolean).join(", ");
  return (
    <TextInput
      label={label}
      inputMode="decimal"
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      description={hint ? `Amount: ${hint}` : undefined}
      inputWrapperOrder={BELOW}
      error={error}
      data-testid="field-sourceAmount"
    />
  );
}

/** Where the customer lives: locked, or a searchable list of the countries the project serves. */
export function CountryField({
  locked,
  countries,
  value,
  merchant,
  onChange,
  error,
}: {
  locked: boolean;
  countries: { code: string; name: string }[];
  value: string;
  merchant: string;
  onChange: (value: string | null) => void;
  error?: string;
}) {
  if (locked) return <LockedField label="Country" value={countries.find((c) => c.code === value)?.name ?? value} merchant={merchant} testId="field-country" />;
  return (
    <Select
      label="Country"
      placeholder="Where you live"
      searchable
      data={countries.map((c) => ({ value: c.code, label: c.name }))}
      value={value || null}
      onChange={onChange}
      error={error}
      data-testid="field-country"
    />
  );
}

/** A network that doesn't carry the chosen crypto gives way to that crypto's usual network (unless the partner set it). */
export function useUsualNetwork(
  crypto: { networks: { id: string; isDefault?: boolean }[] } | undefined,
  network: string,
  locked: boolean,
  setNetwork: (network: string) => void,
) {
  useEffect(() => {
    if (locked || !crypto) return;
    if (!crypto.networks.some((n) => n.id === network)) setNetwork(crypto.networks.find((n) => n.isDefault)?.id ?? crypto.networks[0]?.id ?? "");
    // setNetwork is a new function each render; what it sets is decided by the rest.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [crypto, network, locked]);
}

/** A choice the partner may have locked: read-only with who set it, or a select (both forms' pickers). */
export function LockableSelect({
  locked,
  field,
  label,
  shown,
  merchant,
  data,
  value,
  onChange,
  error,
}: {
  locked: boolean;
  field: string;
  label: string;
  /** The locked value as the customer reads it (a name, not a code). */
  shown: string;
  merchant: string;
  data: { value: string; label: string }[];
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
}) {
  if (locked) return <LockedField label={label} value={shown} merchant={merchant} testId={`field-${field}`} />;
  return <Select label={label} data={data} value={value} onChange={onChange} allowDeselect={false} error={error} data-testid={`field-${field}`} />;
}

export function LockedField({
  label,
  value,
  merchant,
  testId,
  description,
  multiline = false,
}: {
  label: string;
  value: string;
  merchant: string;
  testId: string;
  description?: string;
  /** A value the buyer must read whole (a wallet address): it wraps instead of being cut. */
  multiline?: boolean;
}) {
  if (multiline) {
    return (
      <Textarea
        label={label}
        value={value}
        readOnly
        autosize
        minRows={1}
        description={description ?? `Set by ${merchant}`}
        rightSection={<IconLock size={16} aria-hidden />}
        inputWrapperOrder={BELOW}
        data-testid={testId}
        data-locked="true"
        styles={{ input: { cursor: "default", fontFamily: "var(--mantine-font-family-monospace)", wordBreak: "break-all", resize: "none" } }}
      />
    );
  }
  return (
    <TextInput
      label={label}
      value={value}
      readOnly
      description={description ?? `Set by ${merchant}`}
      rightSection={<IconLock size={16} aria-hidden />}
      inputWrapperOrder={BELOW}
      data-testid={testId}
      data-locked="true"
      styles={{ input: { cursor: "default" } }}
    />
  );
}
