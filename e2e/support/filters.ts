import { expect, type Page } from "@playwright/test";

/**
 * Picks a value in a searchable filter dropdown (components/audit/filter-combobox.tsx) the way a
 * keyboard user does: open it, type part of the choice, Enter on the highlighted match.
 */
export async function chooseFilter(page: Page, label: string, typed: string, shown: string | RegExp) {
  const trigger = page.getByRole("combobox", { name: label, exact: true });
  await trigger.click();
  const search = page.getByRole("combobox", { name: `Search ${label.toLowerCase()}`, exact: true });
  await expect(search).toBeFocused();
  await search.fill(typed);
  await expect(page.getByRole("option").first()).toContainText(shown);
  await search.press("Enter");
  await expect(trigger).toContainText(shown);
  await expect(trigger).toBeFocused();
}
