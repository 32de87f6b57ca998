// The roll preview's texts made once per distinct message: the same words as a t() per row
// (Russian and English, the real messages), with t() asked once per distinct text.
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { onceEach, refusalReason, withNumber } from '@/components/roll/rollMessages';
import type { RefusedRow } from '@/domain/roll';
import en from '@/i18n/locales/en/roll.json';
import ru from '@/i18n/locales/ru/roll.json';

function translator(locale: 'ru' | 'en') {
  const i18n = createI18n({
    legacy: false,
    locale,
    messages: { ru: { roll: ru }, en: { roll: en } },
  });
  const calls: string[] = [];
  const t = (key: string, params?: Record<string, unknown>) => {
    calls.push(key);
    return params ? i18n.global.t(key, params) : i18n.global.t(key);
  };
  return { t, calls, plain: i18n.global.t };
}

const refused: RefusedRow[] = [
  { rowNumber: 11, name: null, reason: 'missingName' },
  { rowNumber: 12, name: 'Петров Пётр', reason: 'impossibleDate', params: { value: '31.02.2013' } },
  { rowNumber: 13, name: 'Иванов', reason: 'missingName' },
  { rowNumber: 14, name: 'Сидоров', reason: 'tooLong', params: { field: 'position', max: 200 } },
  { rowNumber: 15, name: 'Орлов', reason: 'tooLong', params: { field: 'position', max: 200 } },
  { rowNumber: 16, name: 'Котов', reason: 'duplicate', params: { row: 5 } },
];

describe('the roll preview’s texts', () => {
  it.each(['ru', 'en'] as const)('say what a t() per row says (%s)', (locale) => {
    const { t, plain } = translator(locale);
    const once = onceEach(t);
    const rowLabel = withNumber(t, 'roll.refused.row', 'row');
    for (const row of refused) {
      expect(rowLabel(row.rowNumber)).toBe(plain('roll.refused.row', { row: row.rowNumber }));
      const field = row.params?.field;
      const params =
        typeof field === 'string'
          ? { ...row.params, field: plain(`roll.fields.${field}`) }
          : (row.params ?? {});
      expect(refusalReason(once, row)).toBe(plain(`roll.reasons.${row.reason}`, params));
    }
    expect(rowLabel(2001)).toBe(plain('roll.refused.row', { row: 2001 }));
  });

  it('formats a reason shared by many rows once', () => {
    const { t, calls } = translator('ru');
    const once = onceEach(t);
    const many = Array.from({ length: 200 }, (_, i) => ({
      rowNumber: 100 + i,
      reason: i % 2 === 0 ? ('missingName' as const) : ('tooLong' as const),
      params: i % 2 === 0 ? undefined : { field: 'position', max: 200 },
    }));
    const texts = many.map((row) => refusalReason(once, row));
    expect(new Set(texts)).toEqual(
      new Set([
        'нет ФИО',
        'слишком длинное значение в столбце «Должность» (не больше 200 символов)',
      ]),
    );
    expect(calls.filter((key) => key.startsWith('roll.reasons.'))).toHaveLength(2);
    expect(calls.filter((key) => key.startsWith('roll.fields.'))).toHaveLength(1);
  });

  it('fills the row number into a label made once', () => {
    const { t, calls } = translator('ru');
    const rowLabel = withNumber(t, 'roll.refused.row', 'row');
    expect([1, 12, 2001].map(rowLabel)).toEqual(['Строка 1', 'Строка 12', 'Строка 2001']);
    expect(calls).toEqual(['roll.refused.row']);
  });
});
