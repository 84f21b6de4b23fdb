import type { Locator, Page } from '@playwright/test';

/** /hub: Docker Hub search with its results and pages, and the registry logins panel. */
export class HubPage {
  readonly search: Locator;
  readonly results: Locator;
  readonly problem: Locator;
  readonly registries: Locator;

  constructor(private readonly page: Page) {
    this.search = page.getByLabel('Search Docker Hub');
    this.results = page.getByRole('list', { name: 'Search results' });
    this.problem = page.getByRole('alert', { name: 'Docker Hub problem' });
    this.registries = page.getByRole('region', { name: 'Registries' });
  }

  /** /hub on this server, or on another one's base URL (the offline server). */
  async open(base = ''): Promise<void> {
    await this.page.goto(`${base}/hub`);
  }

  /** One repository in the results, by its name (`nginx`, `bitnami/nginx`). */
  result(repo: string): Locator {
    return this.results.locator(`[data-repo="${repo}"]`);
  }

  resultItems(): Locator {
    return this.results.locator('[data-repo]');
  }

  /** Logs in from the Registries panel; the panel then shows the login or an alert. */
  async logIn(registry: string, username: string, password: string): Promise<void> {
    await this.registries.getByLabel('Registry').fill(registry);
    await this.registries.getByLabel('Username').fill(username);
    await this.registries.getByLabel('Password or token').fill(password);
    await this.registries.getByRole('button', { name: 'Log in' }).click();
  }
}

/** /hub/<repo>: one repository's tags with their platforms and sizes. */
export class HubRepoPage {
  readonly tags: Locator;
  readonly filter: Locator;

  constructor(page: Page) {
    this.tags = page.getByRole('table', { name: 'Tags' });
    this.filter = page.getByLabel('Filter tags');
  }

  tagRows(): Locator {
    return this.tags.locator('tr[data-tag]');
  }

  tag(name: string): Locator {
    return this.tags.locator(`tr[data-tag="${name}"]`);
  }
}
