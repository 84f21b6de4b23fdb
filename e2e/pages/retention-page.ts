import { expect, type Locator, type Page } from '@playwright/test';

/** The retention rules section of /cleanup: the rules table, the new-rule form with its preview, the run dialog. */
export class RetentionSection {
  readonly section: Locator;
  readonly rules: Locator;
  readonly runs: Locator;
  readonly form: Locator;

  constructor(private readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Retention rules' });
    this.rules = this.section.getByRole('table', { name: 'Rules' });
    this.runs = this.section.getByRole('table', { name: 'Runs' });
    this.form = this.section.getByRole('form', { name: 'New rule' });
  }

  async open(): Promise<void> {
    await this.page.goto('/cleanup');
    await expect(this.section.getByRole('status', { name: 'Reading the rules' })).toHaveCount(0);
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  /** Clicks Preview and waits for it (a cold preview on the containerd store reads exports: its own timeout). */
  async preview(): Promise<Locator> {
    await this.form.getByRole('button', { name: 'Preview' }).click();
    const summary = this.form.getByTestId('rule-preview-summary');
    await expect(summary).toBeVisible({ timeout: 45_000 });
    return summary;
  }

  row(name: string): Locator {
    return this.rules.getByRole('row').filter({ hasText: name });
  }

  runDialog(name: string): Locator {
    return this.page.getByRole('dialog', { name: `Run “${name}” now?` });
  }
}
