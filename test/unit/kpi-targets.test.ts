// Whose target a KPI row is held against: the school's own (kpi_values), else the
// municipality's (municipal_kpi_targets, fetched when online and kept on the device), else the
// seed's default for 2020–2024 — and the table says which. Domain, the kept copy on the
// device, and the page of a school's device with no connection.
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepMunicipalTargets, readKpiInput } from '@/data/kpiQueries';
import { computeKpis, targetOf, type KpiInput, type MunicipalTarget } from '@/domain/kpi';
import type { KpiValue } from '@/domain/types';
import { useSessionStore } from '@/stores/session';
import { freshContext } from './data/context';
import { mountApp } from './views/mountApp';
import { useFreshDatabase } from './views/people/support';

const schoolTarget = (
  indicator: string,
  year: number,
  value: number,
  deleted = false,
): KpiValue => ({
  id: `${indicator}-${year}`,
  school_id: 's1',
  version: 1,
  deleted_at: deleted ? '2026-10-01T00:00:00Z' : null,
  created_at: '2026-09-01T00:00:00Z',
  updated_at: '2026-09-01T00:00:00Z',
  created_by: null,
  indicator,
  year,
  kind: 'target',
  value,
});
const municipal: MunicipalTarget[] = [
  { indicator: 'students_involved', year: 2026, value: 75 },
  { indicator: 'teachers_involved', year: 2026, value: 40 },
  { indicator: 'teachers_involved', year: 2023, value: 33 },
];

describe('targetOf', () => {
  it('takes the school’s target first, then the municipality’s, then the default', () => {
    const values = [schoolTarget('teachers_involved', 2026, 45)];
    expect(targetOf('teachers_involved', 2026, values, municipal)).toEqual({
      value: 45,
      source: 'school',
    });
    expect(targetOf('students_involved', 2026, values, municipal)).toEqual({
      value: 75,
      source: 'municipality',
    });
    // a municipality's target for a seed year replaces the default
    expect(targetOf('teachers_involved', 2023, values, municipal)).toEqual({
      value: 33,
      source: 'municipality',
    });
    expect(targetOf('students_involved', 2023, values, municipal)).toEqual({
      value: 60,
      source: 'default',
    });
    expect(targetOf('managers_involved', 2026, values, municipal)).toBeNull();
  });

  it('a deleted school target gives way to the municipality’s', () => {
    const values = [schoolTarget('students_involved', 2026, 90, true)];
    expect(targetOf('students_involved', 2026, values, municipal)?.source).toBe('municipality');
  });

  it('computeKpis marks each row with the source, for a half-year too', () => {
    const input: KpiInput = {
      participants: [],
      pairs: [],
      members: [],
      trainings: [],
      templates: [],
      responses: [],
      documents: [],
      kpiValues: [schoolTarget('teachers_involved', 2026, 45)],
      municipalTargets: municipal,
      trainingValidYears: null,
    };
    const table = computeKpis(input, { year: 2026, half: 2 });
    const row = (key: string) => table.shares.find((s) => s.key === key)!;
    expect(row('teachers_involved')).toMatchObject({ target: 45, targetSource: 'school' });
    expect(row('students_involved')).toMatchObject({ target: 75, targetSource: 'municipality' });
    expect(row('managers_involved')).toMatchObject({ target: null, targetSource: null });
    const seedYear = computeKpis(
      { ...input, municipalTargets: undefined },
      { year: 2024, half: null },
    );
    expect(seedYear.shares.every((s) => s.targetSource === 'default')).toBe(true);
  });
});

/** The school's row as a pull stores it. */
async function schoolRow(
  db: Awaited<ReturnType<typeof freshContext>>['db'],
  id: string,
  municipalityId: string,
) {
  await db.schools.put({
    id,
    municipality_id: municipalityId,
    name: 'Лузинская СОШ №1',
    training_valid_years: 3,
    version: 1,
    deleted_at: null,
    created_at: '2026-09-01T00:00:00Z',
    updated_at: '2026-09-01T00:00:00Z',
    created_by: null,
  });
}

describe('the municipality’s targets kept on the device', () => {
  it('feed the KPI input, replaced by each fetch', async () => {
    const ctx = await freshContext();
    try {
      await schoolRow(ctx.db, ctx.schoolId, 'm1');
      expect((await readKpiInput(ctx)).municipalTargets).toEqual([]);
      await keepMunicipalTargets(ctx, ctx.schoolId, {
        municipalityId: 'm1',
        fetchedAt: '2026-12-01T08:00:00Z',
        targets: municipal,
      });
      expect((await readKpiInput(ctx)).municipalTargets).toEqual(municipal);
      await keepMunicipalTargets(ctx, ctx.schoolId, {
        municipalityId: 'm1',
        fetchedAt: '2026-12-02T08:00:00Z',
        targets: [municipal[0]!],
      });
      expect((await readKpiInput(ctx)).municipalTargets).toEqual([municipal[0]]);
    } finally {
      ctx.db.close();
    }
  });

  it('are ignored when they belong to another municipality than the school’s row names', async () => {
    const ctx = await freshContext();
    try {
      await schoolRow(ctx.db, ctx.schoolId, 'm2');
      await keepMunicipalTargets(ctx, ctx.schoolId, {
        municipalityId: 'm1',
        fetchedAt: '2026-12-01T08:00:00Z',
        targets: municipal,
      });
      expect((await readKpiInput(ctx)).municipalTargets).toEqual([]);
    } finally {
      ctx.db.close();
    }
  });
});

describe('the KPI page of a school’s device without a connection', { timeout: 30_000 }, () => {
  const db = useFreshDatabase();
  let mounted: VueWrapper | undefined;
  afterEach(() => {
    mounted?.unmount();
    mounted = undefined;
  });

  async function openAsCurator() {
    const app = await mountApp('/');
    mounted = app.wrapper;
    useSessionStore(app.pinia).memberships = [
      { role: 'curator', participant_id: null, school_id: db().schoolId },
    ] as never;
    await app.router.push('/kpi');
    await vi.waitFor(() =>
      expect(app.wrapper.find('[data-testid="kpi-shares"]').exists()).toBe(true),
    );
    return app.wrapper;
  }
  const sourceOf = (wrapper: VueWrapper, key: string) =>
    wrapper.find(`[data-testid="kpi-row-${key}"] [data-testid="kpi-target-source"]`).text();
  const targetIn = (wrapper: VueWrapper, key: string) =>
    wrapper.find(`[data-testid="kpi-row-${key}"] [data-testid="kpi-target"]`).text();

  it('uses the targets fetched earlier and says whose target each row shows', async () => {
    await schoolRow(db().db, db().schoolId, 'm1');
    await keepMunicipalTargets(db(), db().schoolId, {
      municipalityId: 'm1',
      fetchedAt: '2026-11-30T08:00:00Z',
      targets: municipal,
    });
    const wrapper = await openAsCurator();
    await wrapper.find('[data-testid="kpi-year"]').setValue('2026');
    await vi.waitFor(() => expect(targetIn(wrapper, 'students_involved')).toBe('75\u00a0%'));
    expect(sourceOf(wrapper, 'students_involved')).toBe('муниципалитета');
    expect(targetIn(wrapper, 'managers_involved')).toBe('цель не задана');
    expect(sourceOf(wrapper, 'managers_involved')).toBe('—');
    // The line of when they were fetched is a live query of its own: it may come a tick later.
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="kpi-municipal-targets"]').text()).toContain(
        'получены 30.11.2026',
      ),
    );

    // the school's own target for the year wins, and says so
    await wrapper.find('[data-testid="kpi-target-students_involved"]').setValue('80');
    await wrapper.find('[data-testid="kpi-values-form"]').trigger('submit');
    await vi.waitFor(() => expect(targetIn(wrapper, 'students_involved')).toBe('80\u00a0%'));
    expect(sourceOf(wrapper, 'students_involved')).toBe('школы');

    await wrapper.find('[data-testid="kpi-year"]').setValue('2024');
    await vi.waitFor(() => expect(targetIn(wrapper, 'students_involved')).toBe('70\u00a0%'));
    expect(sourceOf(wrapper, 'students_involved')).toBe('по приказу (по умолчанию)');
  });

  it('says when the municipality’s targets were never fetched', async () => {
    await schoolRow(db().db, db().schoolId, 'm1');
    const wrapper = await openAsCurator();
    expect(wrapper.find('[data-testid="kpi-municipal-targets"]').text()).toContain(
      'ещё не получены',
    );
  });
});
