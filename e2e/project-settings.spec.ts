import { DEMO, expect, screenshotBothSchemes, signIn, test } from "./fixtures";

test("an admin renames the project, sets redirect origins, archives and restores it", async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/test$/);
  await page.getByRole("link", { name: "Project settings" }).click();
  await expect(page.getByRole("heading", { name: "Project settings" })).toBeVisible();

  await page.getByLabel("Origins, one per line").fill("https://shop.example.com/checkout");
  await page.getByRole("button", { name: "Save origins" }).click();
  await expect(page.getByText("has a path or query")).toBeVisible();
  await page.getByLabel("Origins, one per line").fill("https://shop.example.com\nhttps://app.example.com");
  await page.getByRole("button", { name: "Save origins" }).click();
  await expect(page.getByRole("status")).toContainText("Saved.");
  await page.reload();
  await expect(page.getByLabel("Origins, one per line")).toHaveValue("https://shop.example.com\nhttps://app.example.com");

  await page.getByRole("button", { name: "Archive project" }).click();
  await expect(page.getByTestId("archived-banner")).toBeVisible();
  await screenshotBothSchemes(page, "project-settings-archived");
  await page.goto("/projects");
  await expect(page.getByTestId("project-card").filter({ hasText: "Acme Web Shop" })).toContainText("Archived");
  await page.getByTestId("project-card").filter({ hasText: "Acme Web Shop" }).click();
  await expect(page.getByText("This project is archived")).toBeVisible();
  await page.getByRole("link", { name: "project settings", exact: true }).click();
  await page.getByRole("button", { name: "Restore project" }).click();
  await expect(page.getByTestId("archived-banner")).toHaveCount(0);

  await page.getByLabel("Project name").fill("Acme Web Shop EU");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("project-switcher")).toHaveValue("Acme Web Shop EU");
  await page.getByLabel("Project name").fill("Acme Web Shop");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("project-switcher")).toHaveValue("Acme Web Shop");
  await screenshotBothSchemes(page, "project-settings");

  await page.goto("/settings/audit?area=project");
  for (const action of ["project.redirect_origins_updated", "project.archived", "project.restored", "project.renamed"]) {
    await expect(page.getByTestId("audit-table").getByText(action, { exact: true }).first()).toBeVisible();
  }
});
