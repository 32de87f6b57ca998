// Applying a roll through the real repos and outbox (fake-indexeddb), a second year's roll on
// top, and undo putting the device back as it was before.
import { afterEach, describe, expect, it } from 'vitest';
import type { DataContext } from '@/data/context';
import { createPair } from '@/data/repos/pairs';
import { addParticipant } from '@/data/repos/participants';
import { applyRollPlan, readRollPeople, readRollUndo, undoRollImport } from '@/data/rollImport';
import { freshContext } from './data/context';
import { planFixture } from './roll-support';

const opened: DataContext[] = [];
afterEach(() => {
  for (const ctx of opened.splice(0)) ctx.db.close();
});
async function device() {
  const ctx = await freshContext();
  opened.push(ctx);
  return ctx;
}

/** The live people and the outbox, as a comparable picture of the device. */
async function snapshot(ctx: DataContext) {
  const people = (await ctx.db.participants.toArray())
    .filter((p) => !p.deleted_at)
    .map(({ updated_at: _u, ...p }) => p)
    .sort((a, b) => a.id.localeCompare(b.id));
  const outbox = (await ctx.db.outbox.toArray()).map((e) => [e.table, e.row_id, e.op, e.fields]);
  return { people, outbox };
}

async function importFixture(ctx: DataContext, name: string) {
  const { plan } = await planFixture(name, await readRollPeople(ctx));
  return { plan, result: await applyRollPlan(ctx, plan) };
}

describe('importing the roll', () => {
  it('writes each new person and her outbox entry, in neither base yet', async () => {
    const ctx = await device();
    const { result } = await importFixture(ctx, 'roll-students.xlsx');
    expect(result).toEqual({ created: 5, updated: 0 });
    const people = await readRollPeople(ctx);
    expect(people.map((p) => p.full_name).sort()).toEqual([
      'Orlov Ivan',
      'Абрамова Алёна Сергеевна',
      'Иванова Мария Петровна',
      'Ким Виктория',
      'Семёнов Артём Игоревич',
    ]);
    const ivanova = people.find((p) => p.full_name === 'Иванова Мария Петровна')!;
    expect(ivanova).toMatchObject({
      school_id: ctx.schoolId,
      class_label: '5А',
      birth_date: '2014-03-05',
      birth_year: 2014,
      is_mentor: false,
      is_mentee: false,
    });
    const inserts = await ctx.db.outbox
      .where('[table+row_id]')
      .equals(['participants', ivanova.id])
      .toArray();
    expect(inserts.map((e) => e.op)).toEqual(['insert']);
    expect(inserts[0]!.fields).toMatchObject({
      full_name: 'Иванова Мария Петровна',
      birth_date: '2014-03-05',
    });
  });

  it('imports next year’s roll over it without doubling anyone', async () => {
    const ctx = await device();
    await importFixture(ctx, 'roll-students.xlsx');
    const { result } = await importFixture(ctx, 'roll-students-next-year.xlsx');
    expect(result).toEqual({ created: 2, updated: 4 });
    const people = await readRollPeople(ctx);
    expect(people).toHaveLength(7);
    expect(people.find((p) => p.full_name === 'Семёнов Артём Игоревич')?.class_label).toBe('6А');
    expect(people.filter((p) => p.full_name === 'Иванова Мария Петровна')).toHaveLength(2);
    // A third import of the same file changes nothing.
    const again = await importFixture(ctx, 'roll-students-next-year.xlsx');
    expect(again.result).toEqual({ created: 0, updated: 0 });
    expect(again.plan.unchanged).toHaveLength(7);
  });
});

describe('undoing an import', () => {
  it('deletes what the first import created and leaves the device as before', async () => {
    const ctx = await device();
    const teacher = await addParticipant(ctx, {
      kind: 'teacher',
      full_name: 'Петров Сергей Иванович',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    const before = await snapshot(ctx);
    await importFixture(ctx, 'roll-students.xlsx');
    expect(await undoRollImport(ctx)).toEqual({ deleted: 5, restored: 0, kept: 0 });
    expect(await snapshot(ctx)).toEqual(before);
    expect(await readRollUndo(ctx)).toBeNull();
    expect((await readRollPeople(ctx)).map((p) => p.id)).toEqual([teacher.id]);
  });

  it('puts back the classes next year’s import changed and removes its newcomers', async () => {
    const ctx = await device();
    await importFixture(ctx, 'roll-students.xlsx');
    const before = await snapshot(ctx);
    await importFixture(ctx, 'roll-students-next-year.xlsx');
    expect(await undoRollImport(ctx)).toEqual({ deleted: 2, restored: 4, kept: 0 });
    expect((await snapshot(ctx)).people).toEqual(before.people);
  });

  it('keeps a new person already in a pair, and a hand edit made since', async () => {
    const ctx = await device();
    await importFixture(ctx, 'roll-students.xlsx');
    await importFixture(ctx, 'roll-students-next-year.xlsx');
    const people = await readRollPeople(ctx);
    const novikova = people.find((p) => p.full_name === 'Новикова Дарья')!;
    const mentor = await addParticipant(ctx, {
      kind: 'teacher',
      full_name: 'Кравцова Елена Николаевна',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    await createPair(ctx, {
      form: 'uchitel_uchenik',
      mentorIds: [mentor.id],
      menteeIds: [novikova.id],
    });
    const kim = people.find((p) => p.full_name === 'Ким Виктория')!;
    await ctx.db.transaction('rw', ctx.db.participants, () =>
      ctx.db.participants.update(kim.id, { class_label: '7Г' }),
    );

    expect(await undoRollImport(ctx)).toEqual({ deleted: 1, restored: 4, kept: 1 });
    const after = await readRollPeople(ctx);
    expect(after.find((p) => p.id === novikova.id)).toBeDefined();
    const kimAfter = after.find((p) => p.id === kim.id)!;
    expect(kimAfter.class_label).toBe('7Г');
    expect(kimAfter.phone).toBeNull();
  });

  it('does nothing when there is no import to undo', async () => {
    const ctx = await device();
    expect(await undoRollImport(ctx)).toEqual({ deleted: 0, restored: 0, kept: 0 });
  });
});

describe('adding people by hand after an import', () => {
  it('still works beside the imported roll', async () => {
    const ctx = await device();
    await importFixture(ctx, 'roll-students.xlsx');
    const added = await addParticipant(ctx, {
      kind: 'student',
      full_name: 'Смирнова Анна',
      class_label: '6Б',
      is_minor: true,
      is_mentor: false,
      is_mentee: true,
    });
    expect((await readRollPeople(ctx)).map((p) => p.id)).toContain(added.id);
  });
});
