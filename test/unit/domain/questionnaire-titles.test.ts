// The built-in questionnaires' titles follow the UI's language; a school's own stay as typed.
import { describe, expect, it } from 'vitest';
import { BUILTIN_QUESTIONNAIRES, templateTitle } from '@/domain/questionnaireDefaults';

const CYRILLIC = /[А-Яа-яЁё]/;

describe('templateTitle', () => {
  it('translates every built-in title into English and keeps the Russian one in Russian', () => {
    for (const template of BUILTIN_QUESTIONNAIRES) {
      expect(templateTitle(template, 'en'), template.id).not.toMatch(CYRILLIC);
      expect(templateTitle(template, 'ru')).toBe(template.title);
    }
  });

  it('keeps a school’s own template title in any language', () => {
    const own = { id: 'c0000000-0000-4000-8000-000000000001', title: 'Анкета школы' };
    expect(templateTitle(own, 'en')).toBe('Анкета школы');
  });
});
