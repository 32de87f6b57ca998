// A built sheet in words: headers, label cells and notes translated, dates kept as dates.
// Loaded with the writer when a file is asked for; pure (the translation comes in as `t`).
import type { ExportCell, ExportSheet } from '@/domain/exports';
import type { IsoDate } from '@/domain/types';

/** A translated cell: text, a number, a calendar date, or empty. */
export type PlainCell = string | number | { date: IsoDate } | null;

export interface LocalizedSheet {
  /** The sheet's tab name (at most 31 characters, as spreadsheets require). */
  name: string;
  headers: string[];
  widths: number[];
  rows: PlainCell[][];
  notesTitle: string;
  notes: string[];
}

/** The sheet in the user's language: headers, labels and notes translated. */
export function localizeSheet(sheet: ExportSheet, t: (key: string) => string): LocalizedSheet {
  const cell = (c: ExportCell): PlainCell => {
    if (c === null) return null;
    if (c.type === 'label') return t(c.key);
    if (c.type === 'labels') return c.keys.map(t).join(', ');
    if (c.type === 'date') return { date: c.value };
    return c.value;
  };
  return {
    name: t(`exports.sheets.${sheet.kind}`).slice(0, 31),
    headers: sheet.columns.map((c) => t(c.header)),
    widths: sheet.columns.map((c) => c.width),
    rows: sheet.rows.map((row) => row.map(cell)),
    notesTitle: t('exports.sheets.notes'),
    notes: sheet.notes.map(t),
  };
}
