import { describe, expect, it } from 'vitest';
import { municipalKpiTable, type MunicipalKpiInputRow } from '@/domain/municipality';
import { KPI_SHARE_KEYS } from '@/domain/kpi';

const row = (
  school: 'a' | 'b' | 'c',
  indicator: string,
  numerator: number | null,
  denominator: number | null,
): MunicipalKpiInputRow => ({
  school_id: `school-${school}`,
  school_name: { a: 'Лузинская СОШ №1', b: 'Ачаирская СОШ', c: 'Богословская СОШ' }[school],
  indicator,
  numerator,
  denominator,
});

const rows = [
  row('a', 'teachers_involved', 12, 40),
  row('b', 'teachers_involved', 3, 20),
  row('c', 'teachers_involved', 0, 0),
  row('a', 'mentee_satisfaction', null, null), // suppressed: 1–4 answers
  row('b', 'mentee_satisfaction', 8, 10),
  row('c', 'mentee_satisfaction', 5, 6),
  row('a', 'doc_regulation', 1, 1),
  row('b', 'doc_regulation', 0, 1),
  row('c', 'doc_regulation', 1, 1),
];

describe('the municipal KPI table', () => {
  it('adds up the schools that can be counted and names the others', () => {
    const table = municipalKpiTable(rows, () => null);
    const teachers = table.shares.find((s) => s.key === 'teachers_involved')!;
    expect(teachers).toMatchObject({
      numerator: 15,
      denominator: 60,
      percent: 25,
      schoolsCounted: 2,
      notCounted: ['Богословская СОШ'],
    });
    const satisfaction = table.shares.find((s) => s.key === 'mentee_satisfaction')!;
    expect(satisfaction).toMatchObject({ numerator: 13, denominator: 16, percent: 81 });
    expect(satisfaction.notCounted).toEqual(['Лузинская СОШ №1']);
    expect(satisfaction.bySchool.map((c) => c.percent)).toEqual([80, 83, null]);
  });

  it('has every share of the seed, in its order, even without rows', () => {
    const table = municipalKpiTable(rows, () => null);
    expect(table.shares.map((s) => s.key)).toEqual([...KPI_SHARE_KEYS]);
    const enterprises = table.shares.find((s) => s.key === 'enterprises_mentoring')!;
    expect(enterprises).toMatchObject({ percent: null, met: null, schoolsCounted: 0 });
    expect(enterprises.notCounted).toHaveLength(3);
  });

  it('says who set each target', () => {
    const table = municipalKpiTable(rows, (key) =>
      key === 'teachers_involved' ? { value: 40, source: 'municipality' } : null,
    );
    const teachers = table.shares.find((s) => s.key === 'teachers_involved')!;
    expect(teachers).toMatchObject({ target: 40, targetSource: 'municipality', met: false });
    const students = table.shares.find((s) => s.key === 'students_involved')!;
    expect(students).toMatchObject({ target: null, targetSource: null, met: null });
  });

  it('compares the exact share with the target', () => {
    // 15 of 60 is exactly 25 %: met at 25, not at 25.5 (although it rounds to 25).
    expect(
      municipalKpiTable(rows, () => ({ value: 25, source: 'municipality' })).shares.find(
        (s) => s.key === 'teachers_involved',
      )!.met,
    ).toBe(true);
    expect(
      municipalKpiTable(rows, () => ({ value: 25.5, source: 'default' })).shares.find(
        (s) => s.key === 'teachers_involved',
      )!.met,
    ).toBe(false);
  });

  it('counts the schools that adopted each document', () => {
    const regulation = municipalKpiTable(rows, () => null).documents.find(
      (d) => d.kind === 'regulation',
    )!;
    expect(regulation).toEqual({
      kind: 'regulation',
      adopted: 2,
      schools: 3,
      missing: ['Ачаирская СОШ'],
    });
  });

  it('orders the schools by name', () => {
    expect(municipalKpiTable(rows, () => null).schools.map((s) => s.name)).toEqual([
      'Ачаирская СОШ',
      'Богословская СОШ',
      'Лузинская СОШ №1',
    ]);
  });
});
