// The device-only backup against a real IndexedDB (fake-indexeddb): what is saved comes back
// whole on an emptied device, a refused or failing restore changes nothing, and a restore
// over existing data keeps the newer of each row and everything the file does not have. The
// school settings a device-only workspace keeps in meta (requisites, course validity) come back
// under the new device's own keys, never over the settings it already has.
import { afterEach, describe, expect, it } from 'vitest';
import { createDeviceBackup, previewRestore, restoreDeviceBackup } from '@/data/backup';
import type { DataContext } from '@/data/context';
import { deviceRequisitesKey, deviceValidYearsKey } from '@/data/deviceSettings';
import { deleteMeeting, logMeeting } from '@/data/repos/meetings';
import { addParticipant, updateParticipant } from '@/data/repos/participants';
import { BACKUP_TABLES, readBackup, writeBackup, type DeviceBackup } from '@/domain/backup';
import { legacyAttendanceId } from '@/domain/meetings';
import { aMeeting, aPair, aParticipant } from '../../factories/rows';
import { aPairWithPeople, freshContext } from './context';

const opened: DataContext[] = [];
async function aDevice(): Promise<DataContext> {
  const ctx = await freshContext();
  opened.push(ctx);
  return ctx;
}
afterEach(() => {
  for (const ctx of opened.splice(0)) ctx.db.close();
});

/** Every backed-up table of the device, rows sorted by id, with the school left out. */
async function contentsOf(ctx: DataContext) {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const table of BACKUP_TABLES) {
    const rows = (await ctx.db.table(table).toArray()) as Record<string, unknown>[];
    out[table] = rows
      .map(({ school_id: _school, ...rest }) => rest)
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return out;
}

async function readOk(text: string): Promise<DeviceBackup> {
  const reading = await readBackup(text);
  if (!reading.ok) throw new Error(`refused: ${reading.reason}`);
  return reading.backup;
}

const REQUISITES = {
  name: 'Муниципальное бюджетное общеобразовательное учреждение «Лузинская СОШ № 1»',
  shortName: 'МБОУ «Лузинская СОШ № 1»',
  place: 'с. Лузино',
  director: 'И.О. Фамилия',
};

/** The device's two school settings in meta, as stored (undefined: not set). */
async function settingsOf(ctx: DataContext) {
  return {
    requisites: (await ctx.db.meta.get(deviceRequisitesKey(ctx.schoolId)))?.value,
    validYears: (await ctx.db.meta.get(deviceValidYearsKey(ctx.schoolId)))?.value,
  };
}

async function setSettings(ctx: DataContext, requisites: unknown, validYears: unknown) {
  await ctx.db.meta.put({ key: deviceRequisitesKey(ctx.schoolId), value: requisites });
  await ctx.db.meta.put({ key: deviceValidYearsKey(ctx.schoolId), value: validYears });
}

/**
 * The backup with a row IndexedDB cannot store (a value it cannot clone) in the last table
 * written: the people and pairs before it are already put when it fails.
 */
function poisonedCopy(backup: DeviceBackup): DeviceBackup {
  return {
    ...backup,
    tables: {
      ...backup.tables,
      questionnaire_responses: [
        { ...backup.tables.participants[0]!, id: 'poison', answers: () => 'not data' },
      ],
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('device-only backup and restore', () => {
  it('brings back 10,000 records on an emptied device, tombstones included', async () => {
    const device = await aDevice();
    // What the app itself writes: a pair with consents and a logged meeting…
    const people = await aPairWithPeople(device);
    await logMeeting(
      device,
      people.pair.id,
      { type: 'regular', held_on: '2026-11-20', duration_min: 40, format: 'in_person' },
      '2026-11-25',
    );
    // …and a school year's worth of bases, pairs and meetings.
    const participants = Array.from({ length: 2000 }, (_, i) =>
      aParticipant({ school_id: device.schoolId, full_name: `Ученик ${i}`, birth_year: 2010 }),
    );
    const pairs = Array.from({ length: 1000 }, () => aPair({ school_id: device.schoolId }));
    const meetings = Array.from({ length: 7000 }, (_, i) =>
      aMeeting({
        school_id: device.schoolId,
        pair_id: pairs[i % pairs.length]!.id,
        held_on: '2026-10-01',
        notes: i % 2 ? `Встреча ${i}: «разбор», \n ошибки` : null,
        deleted_at: i % 100 === 0 ? '2026-10-02T08:00:00.000Z' : null,
      }),
    );
    await device.db.participants.bulkAdd(participants);
    await device.db.pairs.bulkAdd(pairs);
    await device.db.meetings.bulkAdd(meetings);
    const before = await contentsOf(device);
    expect(Object.values(before).flat().length).toBeGreaterThanOrEqual(10_000);

    const file = await createDeviceBackup(device, '1.2.3', new Date(2026, 11, 1, 10, 30));
    expect(file.name).toBe('nastavnik-backup-2026-12-01.json');

    // The browser cleared its storage: a new, empty database with its own local school.
    const cleared = await aDevice();
    expect(Object.values(await contentsOf(cleared)).flat()).toEqual([]);
    const backup = await readOk(file.text);
    expect(await previewRestore(cleared, backup)).toEqual({
      add: Object.values(before).flat().length,
      update: 0,
      keep: 0,
    });
    await restoreDeviceBackup(cleared, backup);

    expect(await contentsOf(cleared)).toEqual(before);
    // The restored rows are the new device's: its new rows and theirs are one school.
    const schools = new Set((await cleared.db.participants.toArray()).map((row) => row.school_id));
    expect([...schools]).toEqual([cleared.schoolId]);
  }, 60_000);

  it('a copy saved before attendance had its own table: who came becomes attendance rows, once', async () => {
    const device = await aDevice();
    const pair = aPair({ school_id: device.schoolId });
    const meeting = aMeeting({ school_id: device.schoolId, pair_id: pair.id });
    await device.db.pairs.add(pair);
    await device.db.meetings.add(meeting);
    const saved = await readOk((await createDeviceBackup(device, '1.0.0', new Date())).text);
    // The file as the app wrote it before: who came inside the meeting row.
    const [anna, kate] = [
      'a4000000-0000-4000-8000-0000000000a1',
      'a4000000-0000-4000-8000-0000000000a2',
    ];
    saved.tables.meetings = saved.tables.meetings.map((row) => ({
      ...row,
      attendee_ids: [anna, kate, anna],
    }));
    const old = await writeBackup(saved);

    const backup = await readOk(old);
    expect(backup.tables.meetings.every((row) => !('attendee_ids' in row))).toBe(true);
    const ids = [legacyAttendanceId(meeting.id, anna!), legacyAttendanceId(meeting.id, kate!)];
    expect(backup.tables.meeting_attendances.map((row) => row.id).sort()).toEqual(ids.sort());
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const cleared = await aDevice();
    await restoreDeviceBackup(cleared, backup);
    const rows = await cleared.db.meeting_attendances.toArray();
    expect(rows.map((row) => [row.meeting_id, row.participant_id, row.deleted_at]).sort()).toEqual(
      [
        [meeting.id, anna, null],
        [meeting.id, kate, null],
      ].sort(),
    );
    // Restored again: the same rows, not two more.
    const again = await readOk(old);
    expect(await previewRestore(cleared, again)).toMatchObject({ add: 0 });
    await restoreDeviceBackup(cleared, again);
    expect(await cleared.db.meeting_attendances.count()).toBe(2);
  });

  it('a refused file writes nothing: the device keeps exactly what it had', async () => {
    const device = await aDevice();
    await aPairWithPeople(device);
    const text = (await createDeviceBackup(device, '1.2.3')).text;
    const other = await aDevice();
    await addParticipant(other, {
      kind: 'teacher',
      full_name: 'Орлова Ирина Павловна',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    const before = await contentsOf(other);

    for (const bad of [text.slice(0, text.length - 20), '{"name":"other-app"}']) {
      const reading = await readBackup(bad);
      expect(reading.ok).toBe(false);
    }
    expect(await contentsOf(other)).toEqual(before);
  });

  it('a restore that fails midway is undone whole', async () => {
    const device = await aDevice();
    await aPairWithPeople(device);
    const backup = await readOk((await createDeviceBackup(device, '1.2.3')).text);
    const target = await aDevice();
    await addParticipant(target, {
      kind: 'teacher',
      full_name: 'Орлова Ирина Павловна',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    const before = await contentsOf(target);
    const poisoned = poisonedCopy(backup);
    await expect(restoreDeviceBackup(target, poisoned)).rejects.toThrow();
    expect(await contentsOf(target)).toEqual(before);
  });

  it('merging keeps the newer copy of each row and everything the file lacks', async () => {
    // Phone A writes the bases and saves a copy; tablet B restores it and edits a mentor.
    const phone = await aDevice();
    const { mentor, mentee } = await aPairWithPeople(phone);
    const tablet = await aDevice();
    await restoreDeviceBackup(tablet, await readOk((await createDeviceBackup(phone, '1')).text));
    await tick();
    await updateParticipant(tablet, mentor.id, {
      kind: 'teacher',
      full_name: 'Петров Сергей Иванович',
      subject: 'Физика',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    const fromTablet = await readOk((await createDeviceBackup(tablet, '1')).text);

    // Meanwhile the phone renamed the mentee and added a person.
    await tick();
    await updateParticipant(phone, mentee.id, {
      kind: 'student',
      full_name: 'Смирнова Анна Олеговна',
      class_label: '6Б',
      is_minor: true,
      is_mentor: false,
      is_mentee: true,
    });
    const added = await addParticipant(phone, {
      kind: 'teacher',
      full_name: 'Орлова Ирина Павловна',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    const rowsBefore = (await phone.db.participants.count()) + (await phone.db.pairs.count());

    const plan = await previewRestore(phone, fromTablet);
    expect(plan.add).toBe(0);
    expect(plan.update).toBe(1);
    expect(await restoreDeviceBackup(phone, fromTablet)).toEqual(plan);

    // The tablet's newer mentor, the phone's newer mentee, the phone's new person: all there.
    expect((await phone.db.participants.get(mentor.id))?.subject).toBe('Физика');
    expect((await phone.db.participants.get(mentee.id))?.full_name).toBe('Смирнова Анна Олеговна');
    expect((await phone.db.participants.get(added.id))?.full_name).toBe('Орлова Ирина Павловна');
    expect((await phone.db.participants.count()) + (await phone.db.pairs.count())).toBe(rowsBefore);

    // Restoring the same file again changes nothing.
    expect(await previewRestore(phone, fromTablet)).toMatchObject({ add: 0, update: 0 });
  });

  it('keeps a deletion made after the copy: the newer tombstone wins over the older row', async () => {
    const device = await aDevice();
    const { mentee } = await aPairWithPeople(device);
    const copy = await readOk((await createDeviceBackup(device, '1')).text);
    await tick();
    await device.db.participants.update(mentee.id, { deleted_at: new Date().toISOString() });
    await restoreDeviceBackup(device, copy);
    expect((await device.db.participants.get(mentee.id))?.deleted_at).not.toBeNull();
  });

  it('an older copy does not bring back a row deleted before it was ever sent', async () => {
    const device = await aDevice();
    const { pair } = await aPairWithPeople(device);
    const meeting = await logMeeting(
      device,
      pair.id,
      { type: 'regular', held_on: '2026-11-20', duration_min: 40, format: 'in_person' },
      '2026-11-25',
    );
    const copy = await readOk((await createDeviceBackup(device, '1')).text);
    await tick();
    await deleteMeeting(device, meeting.id);
    await restoreDeviceBackup(device, copy);
    const live = (await device.db.meetings.toArray()).filter((m) => m.deleted_at === null);
    expect(live.map((m) => m.id)).not.toContain(meeting.id);
  });
});

describe('the school settings in the device-only backup', () => {
  it('brings the requisites and the course validity back under the new device’s school', async () => {
    const phone = await aDevice();
    await aPairWithPeople(phone);
    await setSettings(phone, REQUISITES, 5);
    const backup = await readOk((await createDeviceBackup(phone, '1.2.3')).text);
    expect(backup.settings).toEqual({ requisites: REQUISITES, training_valid_years: 5 });

    const newPhone = await aDevice();
    expect(newPhone.schoolId).not.toBe(phone.schoolId);
    expect(await settingsOf(newPhone)).toEqual({ requisites: undefined, validYears: undefined });
    await restoreDeviceBackup(newPhone, backup);
    expect(await settingsOf(newPhone)).toEqual({ requisites: REQUISITES, validYears: 5 });
    // Nothing is written under the old device's school.
    expect(await newPhone.db.meta.get(deviceRequisitesKey(phone.schoolId))).toBeUndefined();
    expect(await newPhone.db.meta.get(deviceValidYearsKey(phone.schoolId))).toBeUndefined();
  });

  it('leaves out what the device never set', async () => {
    const device = await aDevice();
    await aPairWithPeople(device);
    expect((await readOk((await createDeviceBackup(device, '1')).text)).settings).toBeUndefined();
    await device.db.meta.put({ key: deviceValidYearsKey(device.schoolId), value: 2 });
    await device.db.meta.put({
      key: deviceRequisitesKey(device.schoolId),
      value: { name: '', shortName: null, place: ' ', director: null },
    });
    const backup = await readOk((await createDeviceBackup(device, '1')).text);
    expect(backup.settings).toEqual({ training_valid_years: 2 });
  });

  it('never writes over the settings a device already has, and fills only what it lacks', async () => {
    const phone = await aDevice();
    await setSettings(phone, REQUISITES, 5);
    const backup = await readOk((await createDeviceBackup(phone, '1')).text);

    const own = { name: null, shortName: 'МБОУ СОШ № 2', place: 'г. Омск', director: null };
    const tablet = await aDevice();
    await setSettings(tablet, own, 3);
    await restoreDeviceBackup(tablet, backup);
    expect(await settingsOf(tablet)).toEqual({ requisites: own, validYears: 3 });

    // A device with its own requisites but no period: the period comes from the file.
    const laptop = await aDevice();
    await laptop.db.meta.put({ key: deviceRequisitesKey(laptop.schoolId), value: own });
    await restoreDeviceBackup(laptop, backup);
    expect(await settingsOf(laptop)).toEqual({ requisites: own, validYears: 5 });
  });

  it('still restores a version-1 file: the rows come back, the device’s settings stay', async () => {
    const phone = await aDevice();
    await aPairWithPeople(phone);
    const saved = await readOk((await createDeviceBackup(phone, '0.9.0')).text);
    const { settings: _none, ...rows } = saved;
    const old = await writeBackup({ ...rows, version: 1 } as unknown as DeviceBackup);
    expect(JSON.parse(old)).toMatchObject({ version: 1 });
    expect(old).not.toContain('"settings"');

    const newPhone = await aDevice();
    await newPhone.db.meta.put({ key: deviceValidYearsKey(newPhone.schoolId), value: 4 });
    const backup = await readOk(old);
    expect(backup.settings).toBeUndefined();
    await restoreDeviceBackup(newPhone, backup);
    expect(await contentsOf(newPhone)).toEqual(await contentsOf(phone));
    expect(await settingsOf(newPhone)).toEqual({ requisites: undefined, validYears: 4 });
  });

  it('a restore that fails midway writes no settings either', async () => {
    const phone = await aDevice();
    await aPairWithPeople(phone);
    await setSettings(phone, REQUISITES, 5);
    const backup = await readOk((await createDeviceBackup(phone, '1')).text);
    const poisoned = poisonedCopy(backup);
    const target = await aDevice();
    await expect(restoreDeviceBackup(target, poisoned)).rejects.toThrow();
    expect(await settingsOf(target)).toEqual({ requisites: undefined, validYears: undefined });

    // A setting IndexedDB cannot store, written last: the rows and the requisites put before
    // it are undone with it.
    const badSetting: DeviceBackup = {
      ...backup,
      settings: { ...backup.settings, training_valid_years: (() => 5) as unknown as number },
    };
    const other = await aDevice();
    const before = await contentsOf(other);
    await expect(restoreDeviceBackup(other, badSetting)).rejects.toThrow();
    expect(await contentsOf(other)).toEqual(before);
    expect(await settingsOf(other)).toEqual({ requisites: undefined, validYears: undefined });
  });
});
