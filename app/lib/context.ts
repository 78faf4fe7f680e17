import type { Database } from "~db/client";
import type { Mode } from "~db/schema/types";
import type { Role } from "./roles";

/** Who is acting, for the audit log. */
export interface Actor {
  userId: string | null;
  email: string | null;
  ipAddress: string | null;
  userAgent: string | null;
}

/** What every domain function receives: built by the permission module, never from raw input. */
export interface OrgContext {
  db: Database;
  organizationId: string;
  role: Role;
  actor: Actor;
}

export interface ProjectContext extends OrgContext {
  projectId: string;
  mode: Mode;
}

export const SYSTEM_ACTOR: Actor = { userId: null, email: null, ipAddress: null, userAgent: null };
