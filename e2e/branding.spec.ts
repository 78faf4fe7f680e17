import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { encodePng } from "../test/png";
import { DEMO, expect, screenshotBothSchemes, signIn, test, uniqueEmail, verifyEmailByMail } from "./fixtures";

/** A 144×40 RGBA logo: a filled disc and three bars on a transparent background. */
function logoPng(width = 144, height = 40) {
  return encodePng(width, height, (x, y) => {
    const inDisc = (x - 20) ** 2 + (y - 20) ** 2 <= 16 ** 2;
    const inBar = x >= 46 && x < 140 && [10, 18, 26].some((top) => y >= top && y < top + 5) && (y < 26 || x < 110);
    if (inDisc) return [232, 89, 12, 255];
    return inBar ? [73, 80, 87, 255] : [0, 0, 0, 0];
  });
}

function tempFile(name: string, contents: Buffer | string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "branding-e2e-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, contents);
  return file;
}

async function openBranding(page: Page) {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  const projectId = new URL(page.url()).pathname.split("/")[2]!;
  await page.getByRole("link", { name: "Branding" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/test/branding$`));
  await expect(page.getByRole("heading", { name: "Branding" })).toBeVisible();
  return projectId;
}

/** The preview is the hosted checkout itself, framed at desktop width (and beside it at phone width). */
const previewFrame = (page: Page) => page.frameLocator('[data-testid="checkout-preview-desktop"]');
const preview = (page: Page) => previewFrame(page).locator("body");
const previewButton = (page: Page) => previewFrame(page).getByTestId("checkout-submit");
const previewName = (page: Page) => previewFrame(page).getByTestId("checkout-merchant");
const previewLogo = (page: Page) => previewFrame(page).getByTestId("checkout-logo");

test("an admin edits branding with a live preview, saves it and uploads a logo", async ({ page }) => {
  // The preview is two framed checkouts that reload with each edit: more to load than one page.
  test.setTimeout(120_000);
  const projectId = await openBranding(page);
  await expect(page.getByLabel("Display name")).toHaveValue("Acme Web Shop");
  await expect(previewName(page)).toHaveText("Acme Web Shop");

  // Every edit shows in the preview before anything is saved.
  await page.getByLabel("Display name").fill("Acme Arcade");
  await expect(previewName(page)).toHaveText("Acme Arcade");
  await page.getByLabel("Primary colour").fill("#E8590C");
  await page.keyboard.press("Escape");
  await expect(previewButton(page)).toHaveCSS("background-color", "rgb(232, 89, 12)");
  await page.getByLabel("Background colour").fill("#fff9db");
  await page.keyboard.press("Escape");
  await expect(preview(page)).toHaveCSS("background-color", "rgb(255, 249, 219)");
  const slider = page.getByRole("slider", { name: "Corner radius" });
  await slider.focus();
  for (let i = 0; i < 8; i++) await slider.press("ArrowRight");
  await expect(page.getByTestId("corner-radius-value")).toHaveText("16 px");
  await expect(previewButton(page)).toHaveCSS("border-radius", "16px");
  await expect(page.getByTestId("unsaved-changes")).toBeVisible();

  // A low-contrast pair is allowed, with a warning.
  await page.getByLabel("Primary colour").fill("#fff3bf");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("contrast-warning")).toContainText("WCAG asks for at least 3:1");
  await page.getByLabel("Primary colour").fill("#e8590c");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("contrast-warning")).toHaveCount(0);

  // A mistyped colour is explained beside the field; the preview keeps the last good one.
  await page.getByLabel("Background colour").fill("#fff9d");
  await page.getByLabel("Display name").click();
  await expect(page.getByText("Use a hex colour like #ffffff (or the short form #fff).")).toBeVisible();
  await expect(preview(page)).toHaveCSS("background-color", "rgb(255, 255, 255)");
  await page.getByLabel("Background colour").fill("#fff9db");
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Branding saved");
  await expect(page.getByTestId("unsaved-changes")).toHaveCount(0);

  await page.reload();
  await expect(page.getByLabel("Display name")).toHaveValue("Acme Arcade");
  await expect(page.getByLabel("Primary colour")).toHaveValue("#e8590c");
  await expect(page.getByLabel("Background colour")).toHaveValue("#fff9db");
  await expect(page.getByTestId("corner-radius-value")).toHaveText("16 px");
  await expect(previewButton(page)).toHaveCSS("background-color", "rgb(232, 89, 12)");

  // The logo: previewed as soon as it is picked, then uploaded and served by the public route.
  const fileInput = page.locator('input[type="file"][name="logo"]');
  await fileInput.setInputFiles(tempFile("acme-logo.png", logoPng()));
  await expect(previewLogo(page)).toHaveAttribute("src", /^blob:/);
  await expect(page.getByText("Logo not uploaded yet")).toBeVisible();
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByRole("status")).toContainText("Logo uploaded");
  const logo = previewLogo(page);
  await expect(logo).toHaveAttribute("src", new RegExp(`^/branding/${projectId}/logo\\?v=\\d+$`));
  await expect(logo).toHaveJSProperty("naturalWidth", 144);
  await expect(page.getByTestId("logo-details")).toHaveText(/^PNG · \d+ B$/);
  const served = await page.request.get((await logo.getAttribute("src"))!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect(served.headers()["content-security-policy"]).toBe("default-src 'none'");
  expect(Buffer.compare(await served.body(), logoPng())).toBe(0);
  await screenshotBothSchemes(page, "branding");

  // A text file named .png, and an SVG, are refused with a readable reason.
  await fileInput.setInputFiles(tempFile("not-a-logo.png", "Just some text, not an image.\n"));
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByText("That file is named like an image, but its contents aren't a PNG, JPEG or WebP image.")).toBeVisible();
  await fileInput.setInputFiles(tempFile("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/></svg>'));
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByText("SVG logos aren't accepted because an SVG can carry scripts.")).toBeVisible();
  await screenshotBothSchemes(page, "branding-upload-error");
  // Too big: the page says so before uploading, and the server stops reading at 256 KB anyway.
  const tooBig = Buffer.concat([logoPng(), Buffer.alloc(300 * 1024)]);
  await fileInput.setInputFiles(tempFile("huge-logo.png", tooBig));
  await expect(page.getByText(/The file is 30\d\.\d KB; logos can be at most 256 KB\./)).toBeVisible();
  await expect(page.getByRole("button", { name: "Upload logo" })).toBeDisabled();
  const direct = await page.request.post(`/projects/${projectId}/test/branding`, {
    multipart: { intent: "upload-logo", logo: { name: "huge-logo.png", mimeType: "image/png", buffer: tooBig } },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(direct.status()).toBe(200);
  expect(await direct.text()).toContain("The file is larger than 256 KB.");
  // The stored logo is untouched.
  expect((await page.request.get(`/branding/${projectId}/logo`)).headers()["content-type"]).toBe("image/png");

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(preview(page)).toBeVisible();
  await screenshotBothSchemes(page, "branding-phone");
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.getByRole("button", { name: "Remove logo" }).click();
  await expect(page.getByRole("status")).toContainText("Logo removed");
  await expect(previewName(page)).toHaveText("Acme Arcade");
  expect((await page.request.get(`/branding/${projectId}/logo`)).status()).toBe(404);
});

test("a developer sees branding read-only, and the server refuses their changes", async ({ page, browser }) => {
  // The demo admin invites a developer.
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  const projectId = new URL(page.url()).pathname.split("/")[2]!;
  await page.goto("/settings/team");
  const email = uniqueEmail("dev.branding");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("textbox", { name: "Role", exact: true }).click();
  await page.getByRole("option", { name: "Developer" }).click();
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!.trim();

  const context = await browser.newContext();
  const devPage = await context.newPage();
  const problems: string[] = [];
  devPage.on("pageerror", (e) => problems.push(e.message));
  await devPage.goto(new URL(link).pathname);
  await devPage.getByRole("link", { name: "Create an account to join" }).click();
  await expect(devPage.getByLabel("Work email")).toHaveValue(email);
  await devPage.getByLabel("Your name").fill("Dana Developer");
  await devPage.getByLabel("Password").fill("correct-horse-battery");
  await devPage.getByRole("button", { name: "Create account" }).click();
  await verifyEmailByMail(devPage, email);
  await devPage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(devPage.getByTestId("org-switcher")).toContainText("Developer");

  await devPage.goto(`/projects/${projectId}/test/branding`);
  await expect(devPage.getByTestId("branding-read-only")).toContainText("Only owners and admins can change branding");
  await expect(devPage.getByLabel("Display name")).toBeDisabled();
  await expect(devPage.getByLabel("Primary colour")).toBeDisabled();
  await expect(devPage.getByLabel("Background colour")).toBeDisabled();
  await expect(devPage.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(devPage.getByRole("button", { name: "Upload logo" })).toHaveCount(0);
  await expect(devPage.frameLocator('[data-testid="checkout-preview-desktop"]').getByTestId("checkout-submit")).toBeVisible();
  await screenshotBothSchemes(devPage, "branding-read-only");

  const response = await devPage.request.post(`/projects/${projectId}/test/branding`, {
    form: { intent: "save", displayName: "Dev was here", primaryColor: "#000000", backgroundColor: "#ffffff", cornerRadius: "0" },
    headers: { Origin: new URL(link).origin },
  });
  expect(response.status()).toBe(403);
  await devPage.reload();
  await expect(devPage.getByLabel("Display name")).not.toHaveValue("Dev was here");
  expect(problems).toEqual([]);
  await context.close();
});
