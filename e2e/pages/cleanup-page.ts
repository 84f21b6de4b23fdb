import { expect, type Locator, type Page } from '@playwright/test';
import { cellUnder } from './table';

/** /cleanup: the disk card, the prune panel with its tabs and tables, the confirm dialog and the result. */
export class CleanupPage {
  readonly willBeDeleted: Locator;
  readonly kept: Locator;
  readonly summary: Locator;
  readonly result: Locator;
  readonly confirm: Locator;
  readonly olderThan: Locator;

  constructor(private readonly page: Page) {
    this.willBeDeleted = page.getByRole('table', { name: 'Will be deleted' });
    this.kept = page.getByRole('table', { name: 'Kept' });
    this.summary = page.getByTestId('prune-summary');
    this.result = page.getByRole('region', { name: 'Cleanup result' });
    this.confirm = page.getByRole('dialog', { name: 'Delete for real?' });
    this.olderThan = page.getByLabel('Older than');
  }

  /** Opens the page and waits for the first preview. */
  async open(): Promise<void> {
    await this.page.goto('/cleanup');
    await this.previewReady();
  }

  /** Opens a tab and waits for its preview. */
  async tab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
    await this.previewReady();
  }

  /**
   * A cold preview on the containerd store reads each candidate's blobs from the engine's export, which
   * took 10–20 s on a loaded 2-core machine: longer than an expect's 10 s, so the wait for it is its own.
   */
  async previewReady(): Promise<void> {
    await expect(this.page.getByRole('status', { name: 'Working out what a cleanup would delete' })).toHaveCount(0, { timeout: 45_000 });
  }

  /** The preview's row of one image, by its engine ID. */
  toDelete(id: string): Locator {
    return this.willBeDeleted.locator(`tr[data-image-id="${id}"]`);
  }

  /** Every image row of the preview (the header row has no image). */
  toDeleteRows(): Locator {
    return this.willBeDeleted.locator('tr[data-image-id]');
  }

  keptRow(text: string): Locator {
    return this.kept.getByRole('row').filter({ hasText: text });
  }

  selectAll(): Locator {
    return this.willBeDeleted.getByRole('checkbox', { name: 'Select all' });
  }

  select(id: string): Promise<void> {
    return this.toDelete(id).getByRole('checkbox').check();
  }

  /** What the preview says deleting that image frees (its “Frees” cell). */
  async frees(id: string): Promise<string> {
    return (await (await cellUnder(this.willBeDeleted, this.toDelete(id), 'Frees')).textContent()) ?? '';
  }

  /** The figure in “Selected: …, freeing X.” */
  async freeing(): Promise<string> {
    const text = (await this.summary.textContent()) ?? '';
    const figure = /freeing (.+)\.$/.exec(text)?.[1];
    expect(figure, `a figure in the summary “${text}”`).toBeTruthy();
    return figure!;
  }

  /** One line of the disk usage card (Images, Containers, Build cache, …). */
  usage(kind: string): Locator {
    return this.page.getByRole('region', { name: 'Disk usage' }).locator(`[data-usage="${kind}"]`);
  }

  async cleanUp(): Promise<void> {
    await this.page.getByRole('button', { name: 'Clean up…' }).click();
    await expect(this.confirm).toBeVisible();
  }
}
