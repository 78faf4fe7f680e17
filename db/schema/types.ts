import { customType, timestamp } from "drizzle-orm/pg-core";

/** Test and live data of a project are fully separate; every row carries its mode. */
export const MODES = ["test", "live"] as const;
export type Mode = (typeof MODES)[number];

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** timestamptz that reads back as a Date on both drivers. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const createdAt = () => ts("created_at").notNull().defaultNow();
export const updatedAt = () => ts("updated_at").notNull().defaultNow();
