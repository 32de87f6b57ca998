// The backup file's checks: a whole, untouched backup of this app is read back as written;
// anything else (cut short, another app's JSON, a newer format, edited, a school's database)
// is refused with its reason before a single row could be written. The school settings of
// version 2 are checked as strictly as the rows; a version-1 file (no settings) is still read.
import { describe, expect, it } from 'vitest';
import {
  BACKUP_TABLES,
  BACKUP_VERSION,
  backupFileName,
  backupSummary,
  canonicalJson,
  mergeAction,
  readBackup,
  writeBackup,
  type BackupRow,
  type DeviceBackup,
} from '@/domain/backup';
import { deviceSettingsOf } from '@/domain/backupSettings';
import { REQUISITE_LIMITS } from '@/domain/documents/common';

const SCHOOL = '5c1e0000-0000-4000-8000-000000000001';

function row(id: string, extra: Partial<BackupRow> & Record<string, unknown> = {}): BackupRow {
  return {
    id,
    school_id: SCHOOL,
    version: 0,
    deleted_at: null,
    created_at: '2026-11-01T08:00:00.000Z',
    updated_at: '2026-11-01T08:00:00.000Z',
    created_by: null,
    ...extra,
  };
}

function aBackup(): DeviceBackup {
  const tables = Object.fromEntries(BACKUP_TABLES.map((t) => [t, []])) as unknown as Record<
    (typeof BACKUP_TABLES)[number],
    BackupRow[]
  >;
  tables.participants = [
    row('p-1', { full_name: 'Петров Сергей Иванович', kind: 'teacher' }),
    row('p-2', { full_name: 'Смирнова Анна', kind: 'student', class_label: '6Б' }),
    row('p-3', { full_name: 'Удалённый', deleted_at: '2026-11-02T08:00:00.000Z' }),
  ];
  tables.pairs = [row('pair-1', { form: 'uchitel_uchenik', status: 'draft' })];
  tables.meetings = [
    row('m-1', { pair_id: 'pair-1', held_on: '2026-11-20', notes: 'Разобрали «дроби»\n' }),
  ];
  tables.questionnaire_responses = [row('q-1', { answers: { q2: 8, q1: 9, '10': 'да' } })];
  return {
    format: 'nastavnik-backup',
    version: BACKUP_VERSION,
    mode: 'device-only',
    created_at: '2026-12-01T09:30:00.000Z',
    app_version: '0.9.0',
    school_id: SCHOOL,
    tables,
  };
}

/** A file whose checksum is right for whatever (odd) content it is given. */
const signed = (content: Record<string, unknown>) =>
  writeBackup(content as unknown as DeviceBackup);

describe('reading a backup file', () => {
  it('reads back exactly what was written', async () => {
    const backup = aBackup();
    const reading = await readBackup(await writeBackup(backup));
    expect(reading).toEqual({ ok: true, backup });
  });

  it('accepts the same file pretty-printed with its keys in another order', async () => {
    const parsed = JSON.parse(await writeBackup(aBackup())) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(parsed).reverse());
    expect((await readBackup(JSON.stringify(reordered, null, 2))).ok).toBe(true);
  });

  it('refuses a file cut short as damaged', async () => {
    const text = await writeBackup(aBackup());
    for (const length of [0, 1, Math.floor(text.length / 2), text.length - 1]) {
      expect(await readBackup(text.slice(0, length)), `${length}`).toEqual({
        ok: false,
        reason: 'damaged',
      });
    }
  });

  it('refuses text that is not JSON at all as damaged', async () => {
    expect(await readBackup('ФИО;Класс\nСмирнова Анна;6Б')).toEqual({
      ok: false,
      reason: 'damaged',
    });
  });

  it('refuses another app’s JSON as foreign', async () => {
    const others = [
      '{"name":"my-app","version":"1.0.0","dependencies":{}}',
      '[{"id":"1","school_id":"x","version":0}]',
      '"nastavnik-backup"',
      'null',
      '{"format":"nastavnik-backup"}',
    ];
    for (const text of others) {
      expect(await readBackup(text), text).toEqual({ ok: false, reason: 'foreign' });
    }
  });

  it('refuses a backup of a newer format version, whatever its checksum', async () => {
    const newer = { ...aBackup(), version: BACKUP_VERSION + 1, tables: { people_v2: [] } };
    expect(await readBackup(await signed(newer))).toEqual({ ok: false, reason: 'newer_version' });
    expect(await readBackup(JSON.stringify({ ...newer, checksum: 'sha512:abc' }))).toEqual({
      ok: false,
      reason: 'newer_version',
    });
  });

  it('refuses a table this version does not know as from a newer app', async () => {
    const backup = { ...aBackup(), tables: { ...aBackup().tables, school_events: [row('e-1')] } };
    expect(await readBackup(await signed(backup))).toEqual({
      ok: false,
      reason: 'newer_version',
    });
  });

  it('refuses a file edited after it was saved: the checksum does not match', async () => {
    const text = await writeBackup(aBackup());
    const edited = text.replace('Смирнова Анна', 'Смирнова Анн');
    expect(edited).not.toBe(text);
    expect(await readBackup(edited)).toEqual({ ok: false, reason: 'checksum' });

    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(await readBackup(JSON.stringify({ ...parsed, checksum: undefined }))).toEqual({
      ok: false,
      reason: 'checksum',
    });
    expect(
      await readBackup(JSON.stringify({ ...parsed, created_at: '2027-01-01T00:00:00Z' })),
    ).toEqual({ ok: false, reason: 'checksum' });
  });

  it('refuses a backup of a signed-in school’s database', async () => {
    expect(await readBackup(await signed({ ...aBackup(), mode: 'school' }))).toEqual({
      ok: false,
      reason: 'school_database',
    });
    const withMembers = {
      ...aBackup(),
      tables: { ...aBackup().tables, memberships: [row('mem-1', { role: 'curator' })] },
    };
    expect(await readBackup(await signed(withMembers))).toEqual({
      ok: false,
      reason: 'school_database',
    });
  });

  it('refuses rows without an id, a school of the file or a version, even with a good checksum', async () => {
    const broken: Partial<BackupRow>[] = [
      { id: undefined },
      { id: '' },
      { school_id: 'another-school' },
      { version: undefined },
      { version: -1 },
      { updated_at: 'вчера' },
    ];
    for (const change of broken) {
      const backup = aBackup();
      backup.tables.pairs = [{ ...row('pair-1'), ...change } as BackupRow];
      expect(await readBackup(await signed({ ...backup })), JSON.stringify(change)).toEqual({
        ok: false,
        reason: 'bad_rows',
      });
    }
    const twice = aBackup();
    twice.tables.meetings = [row('m-1'), row('m-1')];
    expect(await readBackup(await signed({ ...twice }))).toEqual({ ok: false, reason: 'bad_rows' });
  });
});

describe('canonical JSON', () => {
  it('gives the same text whatever order the keys came in', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: null }], c: 'т' } })).toBe(
      canonicalJson({ a: { c: 'т', d: [1, { x: null, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: undefined })).toBe('{"b":1}');
  });
});

describe('what a restore shows and does', () => {
  it('summarises the live people, pairs and meetings and when the copy was made', () => {
    expect(backupSummary(aBackup())).toEqual({
      createdAt: '2026-12-01T09:30:00.000Z',
      people: 2,
      pairs: 1,
      meetings: 1,
      rows: 6,
      hasRequisites: false,
      trainingValidYears: null,
    });
  });

  it('adds rows the device lacks and keeps the newer of two copies of a row', () => {
    const older = row('p-1', { updated_at: '2026-11-01T08:00:00.000Z' });
    const newer = row('p-1', { updated_at: '2026-11-05T08:00:00.000Z' });
    expect(mergeAction(undefined, older)).toBe('add');
    expect(mergeAction(older, newer)).toBe('update');
    expect(mergeAction(newer, older)).toBe('keep');
    expect(mergeAction(newer, newer)).toBe('keep');
  });

  it('counts a deletion as a change: a later tombstone wins, an earlier one does not', () => {
    const live = row('p-1', { updated_at: '2026-11-03T08:00:00.000Z' });
    const deletedLater = row('p-1', { deleted_at: '2026-11-04T08:00:00.000Z' });
    const deletedEarlier = row('p-1', { deleted_at: '2026-11-02T08:00:00.000Z' });
    expect(mergeAction(live, deletedLater)).toBe('update');
    expect(mergeAction(live, deletedEarlier)).toBe('keep');
    expect(mergeAction(deletedLater, live)).toBe('keep');
  });

  it('names the file by the day', () => {
    expect(backupFileName('2026-12-01')).toBe('nastavnik-backup-2026-12-01.json');
  });
});

const REQUISITES = {
  name: 'Муниципальное бюджетное общеобразовательное учреждение «Лузинская СОШ № 1»',
  shortName: 'МБОУ «Лузинская СОШ № 1»',
  place: 'с. Лузино',
  director: 'И.О. Фамилия',
};

/** A version-2 backup with both settings, with `settings` replaced when given. */
function withSettings(settings: unknown = { requisites: REQUISITES, training_valid_years: 5 }) {
  return { ...aBackup(), settings } as unknown as Record<string, unknown>;
}

describe('the school settings in a backup file', () => {
  it('is version 2', () => {
    expect(BACKUP_VERSION).toBe(2);
  });

  it('accepts a version-2 file with settings and reads them back as written', async () => {
    const backup = withSettings() as unknown as DeviceBackup;
    expect(await readBackup(await writeBackup(backup))).toEqual({ ok: true, backup });
    const onlyYears = withSettings({ training_valid_years: 1 });
    const reading = await readBackup(await signed(onlyYears));
    expect(reading.ok && reading.backup.settings).toEqual({ training_valid_years: 1 });
  });

  it('still reads a version-1 file: the rows, and no settings', async () => {
    const old = { ...aBackup(), version: 1 };
    const reading = await readBackup(await signed(old));
    if (!reading.ok) throw new Error(reading.reason);
    expect(reading.backup.version).toBe(BACKUP_VERSION);
    expect(reading.backup.tables).toEqual(aBackup().tables);
    expect(reading.backup.settings).toBeUndefined();
  });

  it('refuses a version-3 file, with or without settings, as from a newer app', async () => {
    for (const content of [{ ...aBackup() }, withSettings()]) {
      expect(await readBackup(await signed({ ...content, version: 3 }))).toEqual({
        ok: false,
        reason: 'newer_version',
      });
    }
  });

  it('refuses settings in a version-1 file: that version never had them', async () => {
    expect(await readBackup(await signed({ ...withSettings(), version: 1 }))).toEqual({
      ok: false,
      reason: 'bad_rows',
    });
  });

  it('refuses a course-validity period that is not a whole number of years from 1 to 10', async () => {
    for (const years of [0, 11, -3, 2.5, '5', null, true, 1e9]) {
      const content = withSettings({ training_valid_years: years });
      expect(await readBackup(await signed(content)), String(years)).toEqual({
        ok: false,
        reason: 'bad_rows',
      });
    }
    for (const years of [1, 3, 10]) {
      const reading = await readBackup(await signed(withSettings({ training_valid_years: years })));
      expect(reading.ok, String(years)).toBe(true);
    }
  });

  it('refuses a settings key this app does not know as from a newer app', async () => {
    const unknown = [
      { requisites: REQUISITES, training_valid_years: 3, reminders: { days: 7 } },
      { requisites: { ...REQUISITES, inn: '5501234567' } },
    ];
    for (const settings of unknown) {
      expect(
        await readBackup(await signed(withSettings(settings))),
        JSON.stringify(settings),
      ).toEqual({ ok: false, reason: 'newer_version' });
    }
  });

  it('refuses settings of the wrong shape or type as damaged', async () => {
    const broken = [
      null,
      [],
      'requisites',
      { requisites: null },
      { requisites: [] },
      { requisites: 'МБОУ СОШ № 1' },
      { requisites: { ...REQUISITES, name: 42 } },
      { requisites: { ...REQUISITES, director: { full: 'И.О. Фамилия' } } },
    ];
    for (const settings of broken) {
      expect(
        await readBackup(await signed(withSettings(settings))),
        JSON.stringify(settings),
      ).toEqual({ ok: false, reason: 'bad_rows' });
    }
  });

  it('refuses requisites longer than the form allows, and accepts them at the limit', async () => {
    for (const field of Object.keys(REQUISITE_LIMITS) as (keyof typeof REQUISITE_LIMITS)[]) {
      const max = REQUISITE_LIMITS[field];
      const over = withSettings({ requisites: { ...REQUISITES, [field]: 'я'.repeat(max + 1) } });
      expect(await readBackup(await signed(over)), field).toEqual({
        ok: false,
        reason: 'bad_rows',
      });
      const at = withSettings({ requisites: { ...REQUISITES, [field]: 'я'.repeat(max) } });
      expect((await readBackup(await signed(at))).ok, field).toBe(true);
    }
  });

  it('reads blank and missing requisites as null', async () => {
    const reading = await readBackup(
      await signed(withSettings({ requisites: { shortName: 'МБОУ СОШ № 1', place: null } })),
    );
    expect(reading.ok && reading.backup.settings).toEqual({
      requisites: { name: null, shortName: 'МБОУ СОШ № 1', place: null, director: null },
    });
  });

  it('an edited setting breaks the checksum', async () => {
    const text = await writeBackup(withSettings() as unknown as DeviceBackup);
    const edited = text.replace('"training_valid_years":5', '"training_valid_years":6');
    expect(edited).not.toBe(text);
    expect(await readBackup(edited)).toEqual({ ok: false, reason: 'checksum' });
  });
});

describe('which of the device’s settings are saved', () => {
  it('keeps the set and valid ones, trimmed, and leaves out blanks and nonsense', () => {
    expect(
      deviceSettingsOf({
        requisites: { name: '  МБОУ СОШ № 1 ', shortName: '', place: '   ', director: 7 },
        trainingValidYears: 4,
      }),
    ).toEqual({
      requisites: { name: 'МБОУ СОШ № 1', shortName: null, place: null, director: null },
      training_valid_years: 4,
    });
    expect(
      deviceSettingsOf({ requisites: { name: ' ', shortName: null }, trainingValidYears: 0 }),
    ).toBeUndefined();
    expect(deviceSettingsOf({ requisites: undefined, trainingValidYears: undefined })).toBe(
      undefined,
    );
    expect(deviceSettingsOf({ requisites: 'МБОУ', trainingValidYears: '5' })).toBeUndefined();
    expect(deviceSettingsOf({ requisites: null, trainingValidYears: 10 })).toEqual({
      training_valid_years: 10,
    });
  });

  it('what it saves is always read back, even from a value over the limit', async () => {
    const settings = deviceSettingsOf({
      requisites: { ...REQUISITES, name: 'я'.repeat(REQUISITE_LIMITS.name + 5), extra: 'x' },
      trainingValidYears: 7,
    });
    expect(settings?.requisites?.name).toBeNull();
    const backup = { ...aBackup(), settings } as DeviceBackup;
    expect(await readBackup(await writeBackup(backup))).toEqual({ ok: true, backup });
  });
});
