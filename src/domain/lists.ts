// Searching and filtering the long lists a curator scrolls on a tablet (pairs, people).
import type { PairStatus } from './types';

export const PAIR_LIST_FILTERS = ['running', 'drafts', 'ended', 'all'] as const;
export type PairListFilter = (typeof PAIR_LIST_FILTERS)[number];

export function pairFilterMatches(filter: PairListFilter, status: PairStatus): boolean {
  switch (filter) {
    case 'running':
      return status === 'draft' || status === 'approved' || status === 'active';
    case 'drafts':
      return status === 'draft';
    case 'ended':
      return status === 'completed' || status === 'ended_early';
    default:
      return true;
  }
}

/** Folds case and «ё» so «Семён» is found by «семен». */
export function foldForSearch(text: string): string {
  return text.toLocaleLowerCase('ru').replaceAll('ё', 'е').trim();
}

/** Every word of the query occurs in one of the texts (an empty query matches all). */
export function matchesSearch(query: string, texts: readonly string[]): boolean {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = texts.map(foldForSearch).join(' ');
  return words.every((word) => haystack.includes(word));
}
