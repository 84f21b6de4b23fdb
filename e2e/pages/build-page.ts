import type { Locator, Page } from '@playwright/test';

/** /build: the Dockerfile editor with its advisor, the context folder, the build and its steps. */
export class BuildPage {
  readonly editor: Locator;
  readonly advisor: Locator;
  readonly contextFolder: Locator;
  readonly tags: Locator;
  readonly result: Locator;
  readonly builder: Locator;
  readonly steps: Locator;

  constructor(private readonly page: Page) {
    this.editor = page.getByRole('textbox', { name: 'Dockerfile' });
    this.advisor = page.getByRole('region', { name: /Dockerfile advisor/ });
    this.contextFolder = page.getByLabel('Build context folder');
    this.tags = page.getByLabel('Tags');
    this.result = page.getByRole('region', { name: 'Build result' });
    this.builder = page.getByLabel('Builder');
    this.steps = page.getByRole('list', { name: 'Build steps' });
  }

  /** The builder select: the engine's default, BuildKit or the classic builder. */
  async chooseBuilder(kind: 'buildkit' | 'classic'): Promise<void> {
    await this.builder.selectOption(kind);
  }

  /** BuildKit's own work (loading the context, the export), folded under the steps: opened. */
  async internalWork(): Promise<Locator> {
    await this.page.getByText("BuildKit's own work").click();
    return this.page.getByRole('list', { name: "BuildKit's own work" });
  }

  async open(): Promise<void> {
    await this.page.goto('/build');
  }

  build(): Promise<void> {
    return this.page.getByRole('button', { name: 'Build', exact: true }).click();
  }

  cancel(): Promise<void> {
    return this.page.getByRole('button', { name: 'Cancel build' }).click();
  }

  /** Step n of the build as the step list names it: `Step 2: built`, `… from cache`, `… running…`, `… failed`. */
  step(n: number, state: 'built' | 'from cache' | 'running…' | 'failed' | 'skipped (stage not needed)'): Locator {
    return this.page.getByRole('listitem', { name: `Step ${n}: ${state}` });
  }

  /** The alert a failed build raises. */
  failure(): Locator {
    return this.page.getByRole('alert').filter({ hasText: 'The build failed' });
  }

  /** The editor's own lint drawing (CodeMirror): the underlined ranges and the gutter markers. */
  lintRanges(): Locator {
    return this.page.locator('.cm-lintRange-warning');
  }

  lintMarkers(): Locator {
    return this.page.locator('.cm-lint-marker');
  }
}
