import { expect, type Locator, type Page } from '@playwright/test';

/** An image's own page: its summary and the tag and delete actions with their dialogs. */
export class ImagePage {
  readonly summary: Locator;
  /** Whichever dialog is open (their titles change as they go, e.g. to “Done”). */
  readonly dialog: Locator;

  constructor(private readonly page: Page) {
    this.summary = page.getByRole('region', { name: 'Image summary' });
    this.dialog = page.getByRole('dialog');
  }

  /** The page of a name or ID (`/images/<ref>`). */
  async open(ref: string): Promise<void> {
    await this.page.goto(`/images/${encodeURIComponent(ref)}`);
  }

  /** Opens “Add tag”; returns its “New tag” field. */
  async addTag(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Add tag' }).click();
    return this.dialog.getByLabel('New tag');
  }

  /** Opens the confirmation for removing one tag. */
  async removeTag(tag: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Remove tag ${tag}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Remove the tag ${tag}?` });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Asks the engine to delete the image (the dialog's own Delete), leaving the dialog open on its answer. */
  async deleteImage(): Promise<void> {
    await this.page.getByRole('button', { name: 'Delete image' }).click();
    await this.dialog.getByRole('button', { name: 'Delete image' }).click();
  }
}

/** /graph: tags, repositories and images as nodes and edges (React Flow), and the details panel. */
export class GraphPage {
  readonly graph: Locator;
  readonly details: Locator;

  constructor(private readonly page: Page) {
    this.graph = page.getByTestId('graph');
    this.details = page.getByRole('complementary', { name: 'Details' });
  }

  async open(): Promise<void> {
    await this.page.goto('/graph');
  }

  /** The edge between two nodes, named as the graph model names them (`tag:…`, `img:…`, `repo:…`). */
  edge(from: string, to: string): Locator {
    return this.graph.getByTestId(`rf__edge-${from}>${to}`);
  }

  imageNodes(): Locator {
    return this.graph.locator('[data-image-node]');
  }

  imageNode(id: string): Locator {
    return this.graph.locator(`[data-image-node="${id}"]`);
  }

  async find(text: string): Promise<void> {
    await this.page.getByLabel('Find in graph').fill(text);
    await this.page.getByRole('button', { name: 'Find' }).click();
  }
}
