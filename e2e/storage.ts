import type { Page } from '@playwright/test';

/**
 * Storage that refuses what the app saves under `prefix` (by default every saved document),
 * as a full browser storage does: setItem throws QuotaExceededError; other keys still save.
 */
export async function fillStorage(page: Page, prefix = 'prodviz.doc.'): Promise<void> {
  await page.addInitScript((refused) => {
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.startsWith(refused))
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.call(this, key, value);
    };
  }, prefix);
}
