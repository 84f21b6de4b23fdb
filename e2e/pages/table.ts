import type { Locator } from '@playwright/test';

/**
 * A row's cell in the column with that header. The tables' cells have no names of their own, so the
 * header a person reads finds the column (a reordered or added column moves the lookup with it).
 */
export async function cellUnder(table: Locator, row: Locator, header: string): Promise<Locator> {
  const column = table.getByRole('columnheader', { name: header, exact: true });
  const index = await column.evaluate((cell) => Array.from(cell.parentElement?.children ?? []).indexOf(cell));
  if (index < 0) throw new Error(`No column headed “${header}”`);
  return row.getByRole('cell').nth(index);
}
