import { expect, test } from '@playwright/test';
import { RetentionSection } from './pages/retention-page';
import { docker, imageExists, loadDatedImage } from './support/engine';

test.describe('Retention rules', () => {
  // What the rule kept goes afterwards: other specs count the images on this engine.
  test.afterEach(() => {
    const left = docker('image', 'ls', '-q', '--filter', 'reference=strata-e2e/retain-*').split('\n').filter(Boolean);
    if (left.length) docker('rmi', '-f', ...new Set(left));
  });

  test('“keep the newest 1 of a repository, every night”: previewed, saved with its schedule, run, and its report says what went', async ({
    page,
  }) => {
    const suffix = Date.now().toString(36);
    const repo = `strata-e2e/retain-${suffix}`;
    // Its own name: a data folder kept from an earlier run may hold a rule called plain "nightly".
    const name = `nightly-${suffix}`;
    for (const [tag, day] of [
      ['1', '2026-01-01'],
      ['2', '2026-01-02'],
      ['3', '2026-01-03'],
    ])
      await loadDatedImage({
        tag: `${repo}:${tag}`,
        created: new Date(`${day}T00:00:00Z`),
        layers: [{ name: `${repo}:${tag}`, bytes: 32 * 1024 }],
      });
    const retention = new RetentionSection(page);
    await retention.open();
    await retention.section.getByRole('button', { name: 'New rule' }).click();
    await retention.field('Name').fill(name);
    await retention.form.getByLabel(/^Keep the newest/).fill('1');
    await retention.field('Only repositories matching').fill(repo);
    await retention.form.getByRole('combobox', { name: 'Runs' }).selectOption('daily');
    await expect(retention.form.getByRole('button', { name: 'Save rule' })).toBeDisabled();

    const summary = await retention.preview();
    await expect(summary).toHaveText(/^Deletes 2 images, freeing \d+(\.\d+)?kB\.$/);
    const previewed = await summary.textContent();
    const going = retention.form.getByRole('table', { name: /^The rule deletes on / });
    await expect(going.getByRole('row')).toHaveCount(3);
    await expect(going).toContainText(`${repo}:1`);
    await expect(going).toContainText(`${repo}:2`);
    await expect(going).toContainText(`Not among the 1 newest of ${repo}.`);
    await retention.form.getByText('Kept: 1 image the rule looked at, and why').click();
    await expect(retention.form.getByRole('table', { name: 'Kept' })).toContainText(`The 1st newest of ${repo} (keeps 1).`);
    await retention.form.getByRole('button', { name: 'Save rule' }).click();

    const row = retention.row(name);
    await expect(row).toContainText('except the newest 1 of each repository (by build time)');
    await expect(row).toContainText('Every day at 03:00');
    await expect(row).toContainText(/next .*03:00/);
    await expect(row).toContainText('Not run yet');

    await row.getByRole('button', { name: `Run ${name} now` }).click();
    const dialog = retention.runDialog(name);
    // The run's own preview, worked out again when the dialog opens: the same set.
    await expect(dialog.getByTestId('rule-preview-summary')).toHaveText(previewed!, { timeout: 45_000 });
    await dialog.getByRole('button', { name: 'Delete what the preview lists' }).click();
    const results = dialog.getByRole('list', { name: 'Run results' });
    await expect(results).toContainText(/Deleted 2 images, freeing .*, exactly as previewed\./, { timeout: 45_000 });
    expect([imageExists(`${repo}:1`), imageExists(`${repo}:2`), imageExists(`${repo}:3`)]).toEqual([false, false, true]);

    await results.getByRole('link', { name: 'Read the report' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(`^“${name}” on `));
    await expect(page.getByTestId('report-message')).toContainText('Deleted 2 images');
    await expect(
      page.getByText('Exactly as previewed: the same images went and the disk figure dropped by the bytes predicted.'),
    ).toBeVisible();
    await expect(page.getByRole('list', { name: 'Deleted images' })).toHaveText(new RegExp(`${repo}:1.*${repo}:2|${repo}:2.*${repo}:1`));
    await page.getByRole('link', { name: '← Cleanup' }).click();
    await expect(retention.runs).toContainText(name);
    await expect(retention.row(name)).toContainText('deleted');
  });
});
