// The school's requisites: on the school's synced row when the device holds it (a patch with
// its outbox entry, so every staff device prints the same header), on the device itself in
// device-only mode (no school row, nothing queued).
import { afterEach, describe, expect, it } from 'vitest';
import type { DataContext } from '@/data/context';
import {
  deviceRequisitesKey,
  readSchoolRequisites,
  saveSchoolRequisites,
} from '@/data/repos/schoolRequisites';
import { ValidationError } from '@/domain/validation';
import { freshContext } from './data/context';

const opened: DataContext[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.db.close();
});
async function device() {
  const ctx = await freshContext();
  opened.push(ctx);
  return ctx;
}

/** The school's row as a pull would have stored it. */
async function pulledSchool(ctx: DataContext, fields: Record<string, unknown> = {}) {
  await ctx.db.schools.put({
    id: ctx.schoolId,
    municipality_id: 'm1',
    name: 'Муниципальное бюджетное общеобразовательное учреждение «Лузинская СОШ №1»',
    short_name: 'Лузинская СОШ №1',
    address: '644504, Омская область, с. Лузино, ул. Майорова, д. 12',
    place: null,
    director: null,
    training_valid_years: 3,
    version: 7,
    deleted_at: null,
    created_at: '2026-09-01T00:00:00Z',
    updated_at: '2026-09-01T00:00:00Z',
    created_by: null,
    ...fields,
  });
}

const typed = {
  name: 'МБОУ «Лузинская средняя общеобразовательная школа № 1»',
  shortName: 'МБОУ «Лузинская СОШ № 1»',
  place: 'с. Лузино',
  director: 'Е.Ф. Задворнова',
};

describe('the school requisites', () => {
  it('device-only: kept on the device, nothing queued for a server', async () => {
    const ctx = await device();
    await saveSchoolRequisites(ctx, null, typed);
    expect(await readSchoolRequisites(ctx, null)).toEqual(typed);
    expect(await ctx.db.outbox.count()).toBe(0);
    expect(await ctx.db.schools.count()).toBe(0);
  });

  it("a school's device prints the row's requisites, the place read from the address", async () => {
    const ctx = await device();
    await pulledSchool(ctx, { director: 'Е.Ф. Задворнова' });
    expect(await readSchoolRequisites(ctx, ctx.schoolId)).toEqual({
      name: 'Муниципальное бюджетное общеобразовательное учреждение «Лузинская СОШ №1»',
      shortName: 'Лузинская СОШ №1',
      place: 'с. Лузино',
      director: 'Е.Ф. Задворнова',
    });
  });

  it('saves onto the school row with one outbox patch and forgets the device copy', async () => {
    const ctx = await device();
    await pulledSchool(ctx);
    await ctx.db.meta.put({
      key: deviceRequisitesKey(ctx.schoolId),
      value: { director: 'Старый' },
    });
    await saveSchoolRequisites(ctx, ctx.schoolId, typed);

    expect(await ctx.db.schools.get(ctx.schoolId)).toMatchObject({
      name: typed.name,
      short_name: typed.shortName,
      place: typed.place,
      director: typed.director,
    });
    const entries = await ctx.db.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      table: 'schools',
      row_id: ctx.schoolId,
      op: 'patch',
      fields: {
        name: typed.name,
        short_name: typed.shortName,
        place: typed.place,
        director: typed.director,
      },
      base: { place: null, director: null, short_name: 'Лузинская СОШ №1' },
    });
    expect(await ctx.db.meta.get(deviceRequisitesKey(ctx.schoolId))).toBeUndefined();
    expect(await readSchoolRequisites(ctx, ctx.schoolId)).toEqual(typed);
  });

  it("a blank full name keeps the row's name (the server requires one)", async () => {
    const ctx = await device();
    await pulledSchool(ctx);
    await saveSchoolRequisites(ctx, ctx.schoolId, { ...typed, name: '  ' });
    const entry = (await ctx.db.outbox.toArray())[0]!;
    expect(entry.fields).not.toHaveProperty('name');
    expect((await ctx.db.schools.get(ctx.schoolId))?.name).toContain('Лузинская СОШ №1');
  });

  it('what only this device knew fills what the row still lacks, until it is saved', async () => {
    const ctx = await device();
    await pulledSchool(ctx, { director: null });
    await ctx.db.meta.put({
      key: deviceRequisitesKey(ctx.schoolId),
      value: { director: 'Е.Ф. Задворнова', place: 'с. Другое' },
    });
    const shown = await readSchoolRequisites(ctx, ctx.schoolId);
    expect(shown.director).toBe('Е.Ф. Задворнова');
    // the row's own place (from its address) is not overridden by the device
    await pulledSchool(ctx, { place: 'с. Лузино' });
    expect((await readSchoolRequisites(ctx, ctx.schoolId)).place).toBe('с. Лузино');
  });

  it('refuses an over-long requisite and writes nothing', async () => {
    const ctx = await device();
    await pulledSchool(ctx);
    await expect(
      saveSchoolRequisites(ctx, ctx.schoolId, { ...typed, director: 'я'.repeat(201) }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await ctx.db.outbox.count()).toBe(0);
  });
});
