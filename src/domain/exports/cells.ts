// The small pieces every sheet is made of: cell constructors (an empty value is an empty
// cell), live rows only, grouping, Russian name order and the column of a header key.
import type { IsoDate } from '../types';
import type { ExportCell, ExportColumn, ExportKind } from './types';

export const text = (value: string | null | undefined): ExportCell =>
  value && value.trim() !== '' ? { type: 'text', value } : null;
export const num = (value: number | null | undefined): ExportCell =>
  typeof value === 'number' ? { type: 'number', value } : null;
export const date = (value: IsoDate | null | undefined): ExportCell =>
  value ? { type: 'date', value: value.slice(0, 10) } : null;
export const label = (key: string): ExportCell => ({ type: 'label', key });
export const yesNo = (value: boolean): ExportCell =>
  label(value ? 'exports.values.yes' : 'exports.values.no');

export const alive = <T extends { deleted_at: string | null }>(rows: readonly T[]) =>
  rows.filter((r) => r.deleted_at === null);
export const groupBy = <T, K>(rows: readonly T[], key: (row: T) => K) => {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
};
const collator = new Intl.Collator('ru');
export const byName = (a: string, b: string) => collator.compare(a, b);

export const col = (kind: ExportKind, name: string, width: number): ExportColumn => ({
  header: `exports.columns.${kind}.${name}`,
  width,
});
