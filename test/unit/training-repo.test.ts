// Courses are written through the outbox like every synced row: the row and its entry in one
// transaction, a refused course leaves nothing, a delete leaves a tombstone without the text.
import { afterEach, describe, expect, it } from 'vitest';
import type { DataContext } from '@/data/context';
import { addParticipant, updateParticipant } from '@/data/repos/participants';
import {
  addTraining,
  deleteTraining,
  observeTrainings,
  readValidYears,
  setValidYears,
  updateTraining,
  type PersonTrainings,
} from '@/data/repos/trainings';
import { readKpiInput } from '@/data/kpiQueries';
import { deviceValidYearsKey } from '@/data/deviceSettings';
import { ValidationError } from '@/domain/validation';
import { freshContext } from './data/context';

const today = '2026-12-01';
const opened: DataContext[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.db.close();
});
async function teacher() {
  const ctx = await freshContext();
  opened.push(ctx);
  const person = await addParticipant(ctx, {
    kind: 'teacher',
    full_name: 'Кузнецова Ольга Петровна',
    is_minor: false,
    is_mentor: true,
    is_mentee: false,
  });
  return { ctx, person };
}
const course = {
  title: 'Организация наставничества в школе',
  provider: 'ИРООО',
  hours: 72,
  started_on: '2026-03-01',
  completed_on: '2026-03-20',
  certificate_number: '552400012345',
};
function firstValue(ctx: DataContext, id: string): Promise<PersonTrainings> {
  return new Promise((resolve, reject) => {
    const sub = observeTrainings(ctx, id).subscribe({
      next: (value) => {
        sub.unsubscribe();
        resolve(value);
      },
      error: reject,
    });
  });
}

describe('the courses repository', () => {
  it('adds a course with its outbox entry', async () => {
    const { ctx, person } = await teacher();
    const row = await addTraining(
      ctx,
      person.id,
      { ...course, title: '  Организация  наставничества ' },
      today,
    );
    expect(await ctx.db.mentor_trainings.get(row.id)).toMatchObject({
      participant_id: person.id,
      school_id: person.school_id,
      title: 'Организация наставничества',
      hours: 72,
      certificate_number: '552400012345',
    });
    const entries = await ctx.db.outbox
      .where('[table+row_id]')
      .equals(['mentor_trainings', row.id])
      .toArray();
    expect(entries).toMatchObject([
      { op: 'insert', fields: { hours: 72, started_on: '2026-03-01' } },
    ]);
  });

  it('refuses a course with bad hours and writes nothing', async () => {
    const { ctx, person } = await teacher();
    const attempt = addTraining(ctx, person.id, { ...course, hours: 0 }, today);
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    expect(await ctx.db.mentor_trainings.count()).toBe(0);
    expect(await ctx.db.outbox.filter((e) => e.table === 'mentor_trainings').count()).toBe(0);
  });

  it('corrects a course and deletes it, leaving a tombstone without its text', async () => {
    const { ctx, person } = await teacher();
    const row = await addTraining(ctx, person.id, course, today);
    await updateTraining(ctx, row.id, { ...course, hours: 36 }, today);
    expect((await ctx.db.mentor_trainings.get(row.id))?.hours).toBe(36);
    // Pretend the insert was sent: the delete must then travel as its own entry.
    const sent = (await ctx.db.outbox.toArray()).at(-1);
    await ctx.db.meta.put({ key: 'outbox_sent_through', value: sent!.seq });
    await deleteTraining(ctx, row.id);
    const stored = await ctx.db.mentor_trainings.get(row.id);
    expect(stored?.deleted_at).toEqual(expect.any(String));
    expect(stored).not.toHaveProperty('title');
    expect(stored).not.toHaveProperty('certificate_number');
    const ops = (await ctx.db.outbox.filter((e) => e.table === 'mentor_trainings').toArray()).map(
      (e) => e.op,
    );
    expect(ops.at(-1)).toBe('delete');
    expect((await firstValue(ctx, person.id)).trainings).toEqual([]);
  });

  it('reads the school’s period with the person’s courses', async () => {
    const { ctx, person } = await teacher();
    await addTraining(ctx, person.id, course, today);
    expect((await firstValue(ctx, person.id)).validYears).toBe(3);
    await ctx.db.schools.put({
      id: person.school_id,
      name: 'Школа',
      training_valid_years: 5,
      deleted_at: null,
    });
    const read = await firstValue(ctx, person.id);
    expect(read.validYears).toBe(5);
    expect(read.trainings.map((t) => t.title)).toEqual([course.title]);
  });
});

describe('how long a course counts', () => {
  it('device-only: kept on the device, read by the courses and the KPI rows', async () => {
    const { ctx, person } = await teacher();
    expect(await readValidYears(ctx)).toBe(3);
    const queued = await ctx.db.outbox.count();
    expect(await setValidYears(ctx, null, ' 5 ')).toBe(5);
    expect(await ctx.db.meta.get(deviceValidYearsKey(ctx.schoolId))).toEqual({
      key: deviceValidYearsKey(ctx.schoolId),
      value: 5,
    });
    expect((await firstValue(ctx, person.id)).validYears).toBe(5);
    expect((await readKpiInput(ctx)).trainingValidYears).toBe(5);
    // Nothing to send: the device-only school is no server row.
    expect(await ctx.db.outbox.count()).toBe(queued);
  });

  it('a school: a patch of its row with its outbox entry; the row wins over the device', async () => {
    const { ctx } = await teacher();
    await ctx.db.meta.put({ key: deviceValidYearsKey(ctx.schoolId), value: 7 });
    await ctx.db.schools.put({
      id: ctx.schoolId,
      name: 'Школа',
      training_valid_years: 3,
      version: 4,
      deleted_at: null,
    });
    expect(await readValidYears(ctx)).toBe(3);
    const queued = await ctx.db.outbox.count();
    await setValidYears(ctx, ctx.schoolId, '4');
    expect(await ctx.db.schools.get(ctx.schoolId)).toMatchObject({ training_valid_years: 4 });
    expect(await readValidYears(ctx)).toBe(4);
    const entries = await ctx.db.outbox.toArray();
    expect(entries).toHaveLength(queued + 1);
    expect(entries.at(-1)).toMatchObject({
      table: 'schools',
      row_id: ctx.schoolId,
      op: 'patch',
      fields: { training_valid_years: 4 },
      base: { training_valid_years: 3 },
    });
    // The same period again queues nothing.
    await setValidYears(ctx, ctx.schoolId, '4');
    expect(await ctx.db.outbox.count()).toBe(queued + 1);
  });

  it('refuses a period outside 1–10 years and writes nothing', async () => {
    const { ctx } = await teacher();
    for (const typed of ['0', '11', '2,5', '']) {
      await expect(setValidYears(ctx, null, typed)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(await ctx.db.meta.get(deviceValidYearsKey(ctx.schoolId))).toBeUndefined();
    expect(await readValidYears(ctx)).toBe(3);
  });
});

describe('the staff record', () => {
  it('saves position, experience, category, manager and birth date; the year follows', async () => {
    const { ctx, person } = await teacher();
    await updateParticipant(ctx, person.id, {
      kind: 'teacher',
      full_name: person.full_name,
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
      staff: {
        position: 'заместитель директора по УВР',
        teaching_experience_years: 2,
        qualification_category: 'первая',
        is_manager: true,
        birth_date: '1999-04-03',
      },
    });
    expect(await ctx.db.participants.get(person.id)).toMatchObject({
      position: 'заместитель директора по УВР',
      teaching_experience_years: 2,
      qualification_category: 'первая',
      is_manager: true,
      birth_date: '1999-04-03',
      birth_year: 1999,
    });
  });

  it('refuses a future birth date and a fractional experience, keeping the row', async () => {
    const { ctx, person } = await teacher();
    const attempt = updateParticipant(ctx, person.id, {
      kind: 'teacher',
      full_name: person.full_name,
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
      staff: {
        position: null,
        teaching_experience_years: 2.5,
        qualification_category: null,
        is_manager: false,
        birth_date: '2999-01-01',
      },
    });
    await expect(attempt).rejects.toMatchObject({
      errors: [
        { field: 'teaching_experience_years', key: 'experienceRange' },
        { field: 'birth_date', key: 'dateInFuture' },
      ],
    });
    expect((await ctx.db.participants.get(person.id))?.birth_date).toBeUndefined();
  });

  it('leaves the staff record alone when the form did not offer it', async () => {
    const { ctx, person } = await teacher();
    await ctx.db.participants.update(person.id, { position: 'учитель физики', is_manager: true });
    await updateParticipant(ctx, person.id, {
      kind: 'teacher',
      full_name: 'Кузнецова Ольга Петровна',
      phone: '+7 900 000-00-00',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    expect(await ctx.db.participants.get(person.id)).toMatchObject({
      position: 'учитель физики',
      is_manager: true,
      phone: '+7 900 000-00-00',
    });
  });
});
