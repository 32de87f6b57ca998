// The curator's home, mounted in the whole app (real router with its guard, i18n, Pinia and
// a real device database): the school at a glance with numbers that open their lists, the
// triage with its fixes, and "not now" with a reason and a date.
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { appDataContext, type DataContext } from '@/data/context';
import { logMeeting } from '@/data/repos/meetings';
import { addParticipant } from '@/data/repos/participants';
import { localIsoDate } from '@/domain/dates';
import { addDays } from '@/domain/dates';
import { overviewSections } from '@/components/overview/overviewRows';
import { indexSchool, peopleOverview, workOverview } from '@/domain/schoolOverview';
import { createAppI18n } from '@/i18n';
import { useSessionStore } from '@/stores/session';
import { aPairWithPeople } from '../data/context';
import { mountApp } from '../views/mountApp';

async function aSchoolWithAMenteeWithoutPair(ctx: DataContext) {
  const people = await aPairWithPeople(ctx);
  const belov = await addParticipant(ctx, {
    kind: 'student',
    full_name: 'Белов Илья',
    class_label: '8В',
    is_minor: true,
    is_mentor: false,
    is_mentee: true,
  });
  return { ...people, belov };
}

async function asCurator(
  path = '/',
  extraSeats: { role: 'mentor'; participant_id: string }[] = [],
) {
  const ctx = await appDataContext();
  const school = await aSchoolWithAMenteeWithoutPair(ctx);
  const mounted = await mountApp('/');
  useSessionStore(mounted.pinia).memberships = [
    { school_id: ctx.schoolId, role: 'curator', participant_id: null },
    ...extraSeats.map((s) => ({ school_id: ctx.schoolId, ...s })),
  ];
  await mounted.router.push(path);
  await vi.waitFor(() =>
    expect(mounted.wrapper.find('[data-testid="school-overview"]').exists()).toBe(true),
  );
  await vi.waitFor(() =>
    expect(mounted.wrapper.findAll('[data-testid="triage-item"]').length).toBeGreaterThan(0),
  );
  return { ...mounted, ctx, school };
}

const number = (wrapper: Awaited<ReturnType<typeof asCurator>>['wrapper'], metric: string) =>
  wrapper.get(`[data-testid="overview-number"][data-metric="${metric}"]`);

describe('the curator’s home', () => {
  it('shows the school at a glance instead of the mentor’s pair cards', async () => {
    const { wrapper } = await asCurator();
    expect(wrapper.find('[data-testid="pair-card"]').exists()).toBe(false);
    expect(number(wrapper, 'mentees').text()).toContain('2');
    expect(number(wrapper, 'mentees').text()).toContain('База наставляемых');
    expect(number(wrapper, 'coverage:students').text()).toContain('0 из 2');
    expect(wrapper.text()).toContain('от участников в базах');
    expect(number(wrapper, 'status:draft').text()).toContain('Черновик');
  });

  it('ranks the triage with a way to each fix', async () => {
    const { wrapper, school } = await asCurator();
    const items = wrapper.findAll('[data-testid="triage-item"]');
    expect(items.map((i) => i.attributes('data-kind'))).toEqual([
      'draft_awaiting_approval',
      'mentee_without_pair',
    ]);
    expect(items[0]!.text()).toContain('Пара ждёт утверждения приказом');
    expect(items[0]!.get('[data-testid="triage-fix"]').attributes('href')).toBe('/pairs/approve');
    expect(items[1]!.text()).toContain('Белов Илья, 8В');
    expect(items[1]!.get('[data-testid="triage-fix"]').attributes('href')).toBe(
      `/matching?mentee=${school.belov.id}`,
    );
  });

  it('opens the list behind a number, each person a link to her card', async () => {
    const { wrapper, router, school } = await asCurator();
    await number(wrapper, 'mentees').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('overview-list'));
    await vi.waitFor(() =>
      expect(wrapper.findAll('[data-testid="overview-list-person"]')).toHaveLength(2),
    );
    expect(wrapper.get('h1').text()).toBe('База наставляемых');
    const links = wrapper.findAll('[data-testid="overview-list-person"]');
    expect(links.map((l) => l.text())).toEqual([
      expect.stringContaining('Белов Илья'),
      expect.stringContaining('Смирнова Анна'),
    ]);
    expect(links[0]!.attributes('href')).toBe(`/people/${school.belov.id}`);
  });

  it('snoozes an item with a reason and a date, and shows it again on request', async () => {
    const { wrapper, ctx } = await asCurator();
    const item = () => wrapper.find('[data-kind="mentee_without_pair"]');
    await item().get('[data-testid="triage-snooze"]').trigger('click');
    const form = item().get('[data-testid="triage-snooze-form"]');
    // No reason: refused with a message, nothing stored.
    await form.trigger('submit');
    await flushPromises();
    expect(item().text()).toContain('Напишите, почему откладываете');
    await form.get('textarea').setValue('Ждём решения психолога');
    await form.get('input[type="date"]').setValue(localIsoDate(new Date()));
    await form.trigger('submit');
    await flushPromises();
    expect(item().text()).toContain('Дата должна быть позже сегодняшней');
    // The typed reason stays.
    expect((form.get('textarea').element as HTMLTextAreaElement).value).toBe(
      'Ждём решения психолога',
    );
    const until = addDays(localIsoDate(new Date()), 14);
    await form.get('input[type="date"]').setValue(until);
    await form.trigger('submit');
    await vi.waitFor(() => expect(item().exists()).toBe(false));
    const stored = await ctx.db.table('triage_snoozes').toArray();
    expect(stored).toMatchObject([{ snoozed_until: until, reason: 'Ждём решения психолога' }]);

    await wrapper.get('[data-testid="triage-show-snoozed"]').setValue(true);
    await vi.waitFor(() => expect(item().exists()).toBe(true));
    expect(item().get('[data-testid="triage-snoozed"]').text()).toContain('Ждём решения психолога');
    await item().get('[data-testid="triage-unsnooze"]').trigger('click');
    await vi.waitFor(() =>
      expect(item().find('[data-testid="triage-snoozed"]').exists()).toBe(false),
    );
  });

  it('keeps a curator’s own pair as a mentor below the school', async () => {
    const ctx = await appDataContext();
    const { mentor, pair } = await aPairWithPeople(ctx);
    await logMeeting(
      ctx,
      pair.id,
      { type: 'organisational', held_on: '2026-11-20', duration_min: 45, format: 'online' },
      '2026-11-25',
    );
    const { wrapper, router, pinia } = await mountApp('/');
    useSessionStore(pinia).memberships = [
      { school_id: ctx.schoolId, role: 'curator', participant_id: null },
      { school_id: ctx.schoolId, role: 'mentor', participant_id: mentor.id },
    ];
    await router.push('/');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-home"]').exists()).toBe(true));
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="pair-card"]')).toHaveLength(1));
  });

  it('keeps the mentor’s home in device-only mode', async () => {
    const ctx = await appDataContext();
    await aPairWithPeople(ctx);
    const { wrapper } = await mountApp('/');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="pair-card"]')).toHaveLength(1));
    expect(wrapper.find('[data-testid="staff-home"]').exists()).toBe(false);
  });

  it('offers no snooze to a mentor, who has no overview at all', async () => {
    const ctx = await appDataContext();
    const { mentor } = await aPairWithPeople(ctx);
    const { wrapper, router, pinia } = await mountApp('/');
    useSessionStore(pinia).memberships = [
      { school_id: ctx.schoolId, role: 'mentor', participant_id: mentor.id },
    ];
    await router.push('/school/mentees');
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('home');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="pair-card"]')).toHaveLength(1));
    expect(wrapper.find('[data-action="snoozeTriage"]').exists()).toBe(false);
  });
});

describe('the school at a glance, read in steps', () => {
  const i18n = createAppI18n();
  const { t, n } = i18n.global;
  const f = {
    t: (key: string, named: Record<string, unknown> = {}, plural?: number) =>
      plural === undefined ? t(key, named) : t(key, named, plural),
    n: (value: number, format: string) => n(value, format),
    label: (key: string) => key,
  };
  const pending = (rows: ReturnType<typeof overviewSections>) =>
    rows.flatMap((s) => s.rows.filter((r) => 'pending' in r).map((r) => [s.id, r.pending]));

  it('shows the pairs by form first, every other number pending until it is read', async () => {
    const ctx = await appDataContext();
    const { pair } = await aPairWithPeople(ctx);
    const facts = {
      today: '2026-11-25',
      pairs: [pair],
      participants: [],
      sensitive: [],
      members: [],
      consents: [],
      meetings: [],
      tasks: [],
      templates: [],
      responses: [],
      programmeEnds: new Map(),
      requests: [],
      snoozes: [],
    };
    const index = indexSchool(facts);
    const forms = peopleOverview(index).forms;
    const first = overviewSections({ forms, people: null, work: null }, f);
    expect(first.find((s) => s.id === 'forms')!.rows).toMatchObject([
      { metric: { key: 'form:uchitel_uchenik', ids: [pair.id] } },
    ]);
    expect(pending(first)).toEqual([
      ['people', 'mentors'],
      ['people', 'mentees'],
      ['kinds', 'kinds'],
      ['categories', 'categories'],
      ['coverage', 'coverage:students'],
      ['coverage', 'coverage:teachers'],
      ['statuses', 'statuses'],
      ['work', 'meetings:month'],
      ['work', 'plans:progress'],
      ['work', 'questionnaires:entry'],
      ['work', 'questionnaires:exit'],
      ['work', 'satisfaction'],
    ]);
    const people = peopleOverview(index);
    expect(pending(overviewSections({ forms, people, work: null }, f))).toEqual([
      ['statuses', 'statuses'],
      ['work', 'meetings:month'],
      ['work', 'plans:progress'],
      ['work', 'questionnaires:entry'],
      ['work', 'questionnaires:exit'],
      ['work', 'satisfaction'],
    ]);
    const all = overviewSections({ forms, people, work: workOverview(index) }, f);
    expect(pending(all)).toEqual([]);
    expect(all.find((s) => s.id === 'statuses')!.rows).toMatchObject([
      { metric: { key: 'status:draft' } },
    ]);
  });
});
