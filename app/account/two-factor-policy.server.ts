/**
 * The organization setting "Require two-factor for every member": which organizations require it
 * of a user (the guard in app/lib/permissions.server.ts asks on every console request of a user
 * without two-factor), and the owners' switch.
 */
import { and, eq } from "drizzle-orm";
import { member, organization, user } from "~db/schema";
import { recordAudit } from "~/audit/audit.server";
import type { OrgContext } from "~/lib/context";
import type { Executor } from "~/lib/db.server";
import { DomainError } from "~/lib/domain-error";

/** The user's organizations that require two-factor sign-in, by name. */
export async function organizationsRequiringTwoFactor(db: Executor, userId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organization.id, name: organization.name })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(and(eq(member.userId, userId), eq(organization.requireTwoFactor, true)));
}

export async function organizationRequiresTwoFactor(db: Executor, organizationId: string): Promise<boolean> {
  const [row] = await db.select({ requireTwoFactor: organization.requireTwoFactor }).from(organization).where(eq(organization.id, organizationId));
  return row?.requireTwoFactor ?? false;
}

/**
 * Turns the requirement on or off. Turning it on needs the owner's own two-factor first:
 * otherwise the switch would send the owner to set-up on their next click.
 */
export async function setTwoFactorRequirement(ctx: OrgContext, required: boolean) {
  if (required) {
    const [me] = await ctx.db
      .select({ twoFactorEnabled: user.twoFactorEnabled })
      .from(user)
      .where(eq(user.id, ctx.actor.userId ?? ""));
    if (!me?.twoFactorEnabled) {
      throw new DomainError("INVALID_STATE", "Turn on two-factor sign-in for your own account first (Your account → Two-factor sign-in).");
    }
  }
  await ctx.db.transaction(async (tx) => {
    await tx.update(organization).set({ requireTwoFactor: required }).where(eq(organization.id, ctx.organizationId));
    await recordAudit(tx, ctx.actor, {
      organizationId: ctx.organizationId,
      action: required ? "organization.two_factor_required" : "organization.two_factor_not_required",
      targetType: "organization",
      targetId: ctx.organizationId,
    });
  });
}
