import { relations } from "drizzle-orm";
import { invitation, member, organization, session, user } from "./auth";
import { apiKey } from "./keys";
import { project, projectBranding, gatewaySetting } from "./projects";

export const userRelations = relations(user, ({ many }) => ({
  sessions: many(session),
  memberships: many(member),
}));

export const organizationRelations = relations(organization, ({ many }) => ({
  members: many(member),
  invitations: many(invitation),
  projects: many(project),
}));

export const memberRelations = relations(member, ({ one }) => ({
  organization: one(organization, { fields: [member.organizationId], references: [organization.id] }),
  user: one(user, { fields: [member.userId], references: [user.id] }),
}));

export const invitationRelations = relations(invitation, ({ one }) => ({
  organization: one(organization, { fields: [invitation.organizationId], references: [organization.id] }),
  inviter: one(user, { fields: [invitation.inviterId], references: [user.id] }),
}));

export const projectRelations = relations(project, ({ one, many }) => ({
  organization: one(organization, { fields: [project.organizationId], references: [organization.id] }),
  branding: one(projectBranding, { fields: [project.id], references: [projectBranding.projectId] }),
  apiKeys: many(apiKey),
  gatewaySettings: many(gatewaySetting),
}));

export const apiKeyRelations = relations(apiKey, ({ one }) => ({
  project: one(project, { fields: [apiKey.projectId], references: [project.id] }),
  createdBy: one(user, { fields: [apiKey.createdByUserId], references: [user.id] }),
}));
