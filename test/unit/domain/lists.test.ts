import { describe, expect, it } from 'vitest';
import { matchesSearch, pairFilterMatches, PAIR_LIST_FILTERS } from '@/domain/lists';
import { PAIR_STATUSES } from '@/domain/types';

describe('list search', () => {
  it('finds a person by any part of the name, ignoring case and ё', () => {
    expect(matchesSearch('семен', ['Семёнов Пётр Ильич'])).toBe(true);
    expect(matchesSearch('ПЁТР сем', ['Семёнов Пётр Ильич'])).toBe(true);
    expect(matchesSearch('Иванова', ['Семёнов Пётр Ильич'])).toBe(false);
  });
  it('every word must match somewhere among the texts', () => {
    expect(matchesSearch('анна пётр', ['Анна Смирнова', 'Пётр Семёнов'])).toBe(true);
    expect(matchesSearch('анна ольга', ['Анна Смирнова', 'Пётр Семёнов'])).toBe(false);
  });
  it('an empty or blank query matches everything', () => {
    expect(matchesSearch('  ', ['x'])).toBe(true);
  });
});

describe('pair list filters', () => {
  it('sorts every status into running or ended, and "all" takes all', () => {
    for (const status of PAIR_STATUSES) {
      expect(pairFilterMatches('running', status)).not.toBe(pairFilterMatches('ended', status));
      expect(pairFilterMatches('all', status)).toBe(true);
    }
    expect(pairFilterMatches('drafts', 'draft')).toBe(true);
    expect(pairFilterMatches('drafts', 'active')).toBe(false);
    expect(PAIR_LIST_FILTERS).toContain('running');
  });
});
