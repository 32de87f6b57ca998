import { describe, expect, it } from 'vitest';
import { createAppI18n } from '@/i18n';
import { russianPlural } from '@/i18n/plural';

describe('Russian plurals', () => {
  it('pick one / few / many by the last digits', () => {
    const forms = (n: number) => ['встреча', 'встречи', 'встреч'][russianPlural(n, 3)];
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111].map(forms)).toEqual([
      'встреча',
      'встречи',
      'встречи',
      'встреч',
      'встреч',
      'встреч',
      'встреч',
      'встреча',
      'встречи',
      'встреч',
      'встреча',
      'встреч',
    ]);
  });

  it('use a leading zero form when the message has four', () => {
    const i18n = createAppI18n();
    const t = (n: number) => i18n.global.t('pairs.meetingsCount', n);
    expect([0, 1, 3, 5, 21].map(t)).toEqual([
      'Встреч нет',
      '1 встреча',
      '3 встречи',
      '5 встреч',
      '21 встреча',
    ]);
  });

  it('treat two forms as singular and plural', () => {
    expect(russianPlural(1, 2)).toBe(0);
    expect(russianPlural(3, 2)).toBe(1);
  });
});
