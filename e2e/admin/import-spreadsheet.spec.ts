import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { db, seedUser } from "../support/db";
import { signIn } from "../support/session";
import { visit } from "../support/ready";

for (const [viewport, size] of [
  ["desktop", { width: 1440, height: 900 }],
  ["390 px", { width: 390, height: 844 }],
] as const) {
  test.describe(`device import from a spreadsheet (${viewport})`, () => {
    test.use({ viewport: size });

    test("the template downloads; a semicolon file with a BOM, lower-case statuses and a multi-line name gets every error in one pass, then imports", async ({
      page,
    }) => {
      const admin = await seedUser("ADMIN");
      const tag = randomUUID().slice(0, 6).toUpperCase();
      await signIn(page, admin);
      await visit(page, "/admin/import");

      const link = page.getByRole("link", { name: "Download the template" });
      await expect(link).toHaveAttribute("href", "/api/v1/admin/devices/import/template");
      const response = await page.request.get("/api/v1/admin/devices/import/template");
      expect(response.status()).toBe(200);
      expect(response.headers()["content-disposition"]).toContain("device-import-template.csv");
      const template = await response.text();
      expect(template.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("serial,model,mac,key_version,status,owner_email,owner_name,bound_since,source");

      const header = "serial;model;mac;key_version;status;owner_email;owner_name;bound_since;source";
      const good = (i: number, status: string, name = `Owner ${i}`) =>
        `IMP-${tag}-${i};NVR-8016;3c:00:00:00:01:0${i};1;${status};owner${i}-${tag.toLowerCase()}@e2e.test;${name};2025-01-0${i};e2e`;
      const lines = [
        header, // 1
        good(1, "active", '"Kim\nLee"'), // 2–3
        `IMP-${tag}-2;NVR-8016;zz;1;blocked;o2@e2e.test;Two;2025-01-02;e2e`, // 4: bad MAC
        `IMP-${tag}-3;NVR-8016;3c:00:00:00:01:03;9;Stolen;o3@e2e.test;Three;2025-01-03;e2e`, // 5: no key version 9
        good(4, "Active"), // 6
      ];
      const file = (text: string) => ({ name: "devices.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${text}`) });
      await page.getByLabel("CSV file").setInputFiles(file(lines.join("\r\n")));
      await page.getByRole("button", { name: "Dry run" }).click();
      const report = page.getByRole("region", { name: "Import report" });
      await expect(report).toContainText("The file was refused");
      await expect(report).toContainText("4 rows, 2 with errors · semicolon-separated");
      await expect(report.getByRole("row", { name: /^4 mac/ })).toBeVisible();
      await expect(report.getByRole("row", { name: /^5 key_version Key version 9 has no master key/ })).toBeVisible();
      await expect(report.getByTestId("count-create")).toHaveText("2");

      await page.getByLabel("CSV file").setInputFiles(file([lines[0], lines[1], good(4, "Active")].join("\r\n")));
      await page.getByRole("button", { name: "Dry run" }).click();
      await expect(report).toContainText("Dry run: nothing was written.");
      await page.getByRole("button", { name: "Import", exact: true }).click();
      await expect(report).toContainText("Imported.");
      const device = await db.device.findUniqueOrThrow({ where: { serial: `IMP-${tag}-1` }, include: { owner: true } });
      expect(device).toMatchObject({ status: "ACTIVE", owner: { name: "Kim\nLee" } });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
}
