// Overdue roadmap tasks in the curator's triage: one item per stage of the open year, ranked
// after the pairs' and people's items, leading to the year's page; finished tasks and closed
// years never nag. Checked on the rules, through the device's reads, and on the home screen.
import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { routes } from '@/app/router';
import { appDataContext } from '@/data/context';
import { observeSchoolFacts } from '@/data/overviewQueries';
import { addRoadmapTask, startProgrammeYear } from '@/data/repos/programmes';
import { addDays, localIsoDate } from '@/domain/dates';
import { academicYearOf, nextAcademicYear } from '@/domain/programmeYear';
import { indexSchool, type SchoolFacts } from '@/domain/schoolOverview';
import { roadmapItems, triage, type RoadmapTriageFacts } from '@/domain/triage';
import { useSessionStore } from '@/stores/session';
import { aPairWithPeople, freshContext } from './data/context';
import { aSchool, aSnooze, TODAY } from './domain/schoolOverview.fixture';
import { mountApp } from './views/mountApp';

const task = (over: Partial<RoadmapTriageFacts['roadmapTasks'][number]> = {}) => ({
  id: crypto.randomUUID(),
  programme_id: 'year-1',
  stage: 2,
  position: 0,
  title: 'Сбор согласий от законных представителей',
  due_on: '2026-11-20',
  status: 'planned' as const,
  deleted_at: null,
  ...over,
});
const open = { id: 'year-1', deleted_at: null, closed_on: null, current_stage: 2 };

describe('overdue roadmap tasks in the triage', () => {
  it('make one item per stage, naming its tasks, leading to the year', () => {
    const items = roadmapItems(
      {
        roadmapProgrammes: [open],
        roadmapTasks: [
          task({ title: 'Анализ анкет', due_on: '2026-11-24' }),
          task({ title: 'Сбор согласий', due_on: '2026-10-31' }),
          task({ title: 'Опрос', due_on: '2026-11-01' }),
          task({ stage: 3, title: 'Выбор форм', due_on: '2026-10-31' }),
          task({ stage: 3, title: 'Не просрочена', due_on: TODAY }),
          task({ stage: 4, status: 'done' }),
          task({ stage: 5, status: 'skipped' }),
          task({ stage: 6, deleted_at: '2026-11-01T00:00:00Z' }),
        ],
      },
      TODAY,
    );
    expect(items).toHaveLength(2);
    const [stage2, stage3] = items;
    expect(stage2).toEqual({
      key: 'roadmap_overdue:year-1:2:2026-10-31',
      kind: 'roadmap_overdue',
      target: { type: 'programme', id: 'year-1' },
      subject: 'Сбор согласий; Опрос; …',
      fix: { name: 'year' },
      weight: 3,
      params: { stage: 2, count: 3, date: '2026-10-31' },
    });
    expect(stage3).toMatchObject({ subject: 'Выбор форм', params: { stage: 3, count: 1 } });
  });

  it('leave out closed or deleted years', () => {
    const tasks = [task({ programme_id: 'closed' }), task({ programme_id: 'gone' })];
    const programmes = [
      { id: 'closed', deleted_at: null, closed_on: '2026-06-01', current_stage: 7 },
      { id: 'gone', deleted_at: '2026-06-01T00:00:00Z', closed_on: null, current_stage: 1 },
    ];
    expect(roadmapItems({ roadmapProgrammes: programmes, roadmapTasks: tasks }, TODAY)).toEqual([]);
  });

  it('come last in the ranked triage and can be snoozed like any item', () => {
    const { facts } = aSchool();
    const withRoadmap = (snoozes: SchoolFacts['snoozes'] = []) =>
      ({
        ...facts,
        snoozes,
        roadmapProgrammes: [open],
        roadmapTasks: [task()],
      }) as SchoolFacts;
    const { items } = triage(indexSchool(withRoadmap()));
    expect(items.at(-1)).toMatchObject({ kind: 'roadmap_overdue', severity: 13 });
    expect(items.filter((i) => i.kind === 'roadmap_overdue')).toHaveLength(1);
    // Without the roadmap's rows the triage is as before.
    expect(triage(indexSchool(facts)).items.some((i) => i.kind === 'roadmap_overdue')).toBe(false);
    const key = items.at(-1)!.key;
    const snoozed = triage(indexSchool(withRoadmap([aSnooze(key, '2026-12-10')])));
    expect(snoozed.items.some((i) => i.kind === 'roadmap_overdue')).toBe(false);
  });

  it('come from the device’s rows, and their fix opens /year', async () => {
    const ctx = await freshContext();
    const today = localIsoDate(new Date());
    // Next school year: none of its seeded tasks is due yet; one task is added overdue.
    const { programme } = await startProgrammeYear(ctx, {
      academicYear: nextAcademicYear(academicYearOf(today)),
    });
    await addRoadmapTask(
      ctx,
      programme.id,
      { title: 'Издание приказа о назначении куратора', stage: 1, due_on: addDays(today, -2) },
      today,
    );
    const facts = await new Promise<SchoolFacts>((resolve) => {
      const sub = observeSchoolFacts(ctx, { schoolId: ctx.schoolId, today }).subscribe({
        next: (value) => {
          resolve(value);
          setTimeout(() => sub.unsubscribe());
        },
      });
    });
    const items = triage(indexSchool(facts)).items.filter((i) => i.kind === 'roadmap_overdue');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      subject: 'Издание приказа о назначении куратора',
      params: { stage: 1, count: 1 },
    });
    const router = createRouter({ history: createMemoryHistory(), routes });
    expect(router.resolve(items[0]!.fix).path).toBe('/year');
    ctx.db.close();
  });
});

describe('on the curator’s home', () => {
  it('shows the overdue stage and leads to the year’s page', async () => {
    const ctx = await appDataContext();
    await aPairWithPeople(ctx);
    const today = localIsoDate(new Date());
    const { programme } = await startProgrammeYear(ctx, {
      academicYear: nextAcademicYear(academicYearOf(today)),
    });
    await addRoadmapTask(
      ctx,
      programme.id,
      { title: 'Информирование родительского сообщества', stage: 1, due_on: addDays(today, -5) },
      today,
    );
    const { wrapper, router, pinia } = await mountApp('/');
    useSessionStore(pinia).memberships = [
      { school_id: ctx.schoolId, role: 'curator', participant_id: null },
    ];
    await vi.waitFor(
      () => expect(wrapper.findAll('[data-testid="triage-item"]').length).toBeGreaterThan(0),
      { timeout: 8000 },
    );
    // The pair's draft first, the roadmap's stage last.
    expect(
      wrapper.findAll('[data-testid="triage-item"]').map((i) => i.attributes('data-kind')),
    ).toEqual(['draft_awaiting_approval', 'roadmap_overdue']);
    const item = wrapper.get('[data-kind="roadmap_overdue"]');
    expect(item.text()).toContain('Дорожная карта, этап 1: просрочено задач — 1');
    expect(item.text()).toContain('Информирование родительского сообщества');
    const fix = item.get('[data-testid="triage-fix"]');
    expect(fix.text()).toBe('Открыть дорожную карту');
    expect(fix.attributes('href')).toBe('/year');
    await fix.trigger('click');
    // The year's page is a lazy chunk with its own messages.
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('year'), { timeout: 8000 });
    await vi.waitFor(
      () =>
        expect(wrapper.find('[data-testid="year-task"][data-overdue="true"]').exists()).toBe(true),
      { timeout: 5000 },
    );
  }, 30_000);
});
