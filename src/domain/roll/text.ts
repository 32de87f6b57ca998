// How the roll compares text: folded spellings of header words and names, and a cell as text.
import type { RollCell, RollRow } from './types';

/** Lower case, ё as е, punctuation as spaces, one space between words. */
export function foldText(value: string): string {
  return value
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The key two spellings of one name share: case, spaces and ё folded. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** A cell as the roll compares it: spaces collapsed, a date as ISO text, nothing as ''. */
export function cellText(cell: RollCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  return String(cell).replace(/\s+/g, ' ').trim();
}

export const isBlankRow = (row: RollRow) => row.every((cell) => cellText(cell) === '');
