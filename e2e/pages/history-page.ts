import type { Locator, Page } from '@playwright/test';

/** An image page's layer history (the timeline of build steps) and its breakdown card. */
export class HistoryPage {
  readonly timeline: Locator;
  readonly steps: Locator;
  readonly breakdown: Locator;

  constructor(private readonly page: Page) {
    this.timeline = page.getByRole('region', { name: 'Layer history' });
    this.steps = this.timeline.getByRole('list', { name: 'Build steps' });
    this.breakdown = page.getByRole('region', { name: 'Layer breakdown' });
  }

  /** The image page of a name or ID (`/images/<ref>`). */
  async open(ref: string): Promise<void> {
    await this.page.goto(`/images/${encodeURIComponent(ref)}`);
  }

  baseImage(): Locator {
    return this.timeline.getByRole('listitem', { name: 'Base image' });
  }

  /** Every build step of the timeline. */
  allSteps(): Locator {
    return this.steps.locator('[data-step]');
  }

  /** Step n, counted from the base up as the page numbers them. */
  step(n: number): Locator {
    return this.steps.locator(`[data-step="${n}"]`);
  }

  largestLayers(): Locator {
    return this.breakdown.getByRole('list', { name: 'Largest layers' }).getByRole('listitem');
  }

  /** Picks another image in “Compare with” and opens the comparison. */
  async compareWith(tag: string): Promise<ComparePage> {
    await this.page.getByLabel('Compare with').selectOption({ label: tag });
    await this.page.getByRole('button', { name: 'Compare' }).click();
    return new ComparePage(this.page);
  }
}

/** /images/compare: the layer summary and the step-by-step rows (same, only in A, only in B). */
export class ComparePage {
  readonly summary: Locator;

  constructor(private readonly page: Page) {
    this.summary = page.getByRole('region', { name: 'Layer summary' });
  }

  rows(kind: 'same' | 'only-a' | 'only-b'): Locator {
    return this.page.locator(`tr[data-kind="${kind}"]`);
  }
}
