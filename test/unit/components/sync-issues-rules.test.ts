// Every rule the server can name has words in both languages: the refusal screen never falls
// back to a code or a guess for a constraint written in supabase/schemas.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '@/i18n/locales/en/syncIssues.json';
import ru from '@/i18n/locales/ru/syncIssues.json';

const SCHEMAS = join(__dirname, '../../../supabase/schemas');

/** `constraint <name>` (a table's check) and `constraint = '<name>'` (a trigger's raise). */
function namedConstraints(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith('.sql'))) {
    const sql = readFileSync(join(SCHEMAS, file), 'utf8');
    for (const match of sql.matchAll(/constraint\s*(?:=\s*')?([a-z][a-z0-9_]*)'?/gi)) {
      const name = match[1]!.toLowerCase();
      // Words after `constraint` that are not names (`constraint text` in a signature).
      if (name.includes('_')) names.add(name);
    }
  }
  return [...names].sort();
}

describe('the server’s named rules', () => {
  const names = namedConstraints();

  it('finds the rules of issue 11 in the schema files', () => {
    expect(names.length).toBeGreaterThan(100);
    expect(names).toEqual(
      expect.arrayContaining([
        'pair_members_form_kind',
        'pairs_same_people_twice',
        'pairs_date_out_of_range',
        'meetings_date_out_of_range',
        'consents_already_expired',
        'consents_signed_in_future',
      ]),
    );
  });

  it.each([
    ['ru', ru],
    ['en', en],
  ])('each has a message in %s', (_locale, messages) => {
    const rules = messages.rules as Record<string, string>;
    expect(names.filter((name) => !rules[name]?.trim())).toEqual([]);
  });

  it('no message guesses why or shows a bare code', () => {
    const texts = [
      ...Object.values(ru.rules),
      ...Object.values(ru.reasons),
      ...Object.values(en.rules),
      ...Object.values(en.reasons),
    ];
    for (const text of texts) {
      expect(text).not.toMatch(/вывели из пары|removed you from/i);
      expect(text).not.toMatch(/\{code\}|\b[a-z]+_[a-z_]+\b/);
    }
  });
});
