// Owns the paged read of a whole table, so that a big table does not hold the page up for
// one long task.
import { type IndexableType, type Table } from 'dexie';

/** Rows per read of a whole table read in pages (readInPages). */
export const PAGE_ROWS = 500;

/**
 * Every row of a table, read PAGE_ROWS at a time in primary-key order: each page's rows are
 * unpacked in a task of their own, so a big table (6,000 plan tasks) does not hold the page
 * up for one long task on a slow tablet, as one getAll() of it does (bench/report.mjs).
 */
export async function readInPages<T, K extends IndexableType>(
  table: Table<T, K>,
  keyOf: (row: T) => K,
  size = PAGE_ROWS,
): Promise<T[]> {
  const rows: T[] = [];
  for (let last: K | undefined; ;) {
    const page = await (last === undefined ? table.toCollection() : table.where(':id').above(last))
      .limit(size)
      .toArray();
    rows.push(...page);
    if (page.length < size) return rows;
    last = keyOf(page[page.length - 1]!);
  }
}
