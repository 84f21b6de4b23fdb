import { expect, type Locator, type Page } from '@playwright/test';
import { cellUnder } from './table';

export class ImagesPage {
  readonly table: Locator;
  readonly filter: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Images' });
    this.filter = page.getByRole('searchbox', { name: 'Filter images' });
  }

  async open(): Promise<void> {
    await this.page.goto('/images');
    await expect(this.table).toBeVisible();
  }

  /** Data rows only (the header row has no data-image-id). */
  rows(): Locator {
    return this.table.locator('[role="row"][data-image-id]');
  }

  rowWithTag(tag: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('link', { name: tag, exact: true }) });
  }

  quickFilter(name: string): Locator {
    return this.page.getByRole('group', { name: 'Quick filters' }).getByRole('button', { name: new RegExp(`^${name}\\b`) });
  }

  sortBy(column: string): Promise<void> {
    return this.table.getByRole('columnheader').getByRole('button', { name: column, exact: true }).click();
  }

  /** A row's cell under the column of that header (`Disk usage`, `Content`, …). */
  cell(row: Locator, header: string): Promise<Locator> {
    return cellUnder(this.table, row, header);
  }
}
