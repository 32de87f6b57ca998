// Reads a roll fixture (test/fixtures, written by make-roll-fixtures.mjs) through the real
// import gateway and plans it as the import page does.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  findHeader,
  guessDefaultKind,
  guessMapping,
  planRoll,
  type ExistingPerson,
} from '@/domain/roll';
import { readRollFile } from '@/import';

export const TODAY = '2026-12-01';

export function fixture(name: string): Blob {
  return new Blob([readFileSync(resolve(__dirname, '../fixtures', name))]);
}

export async function readFixture(name: string) {
  const rows = await readRollFile(fixture(name));
  const header = findHeader(rows);
  if (!header) throw new Error(`no header found in ${name}`);
  const mapping = guessMapping(header.headers);
  return { rows, header, mapping, defaultKind: guessDefaultKind(mapping) };
}

export async function planFixture(name: string, existing: readonly ExistingPerson[] = []) {
  const sheet = await readFixture(name);
  const plan = planRoll(
    sheet.rows,
    sheet.header.dataStart,
    sheet.mapping,
    sheet.defaultKind,
    existing,
    TODAY,
  );
  return { ...sheet, plan };
}
