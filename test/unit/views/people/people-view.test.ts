import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { addParticipant, recordConsent } from '@/data/repos/participants';
import { localIsoDate } from '@/domain/dates';
import { addDays } from '@/composables/useParticipantConsent';
import { mountApp, settle, useFreshDatabase } from './support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());
const today = localIsoDate(new Date());

describe('the people list', () => {
  const db = useFreshDatabase();
  const adult = (full_name: string, base: 'mentor' | 'mentee') =>
    addParticipant(db(), {
      kind: 'teacher',
      full_name,
      is_minor: false,
      is_mentor: base === 'mentor',
      is_mentee: base === 'mentee',
    });
  const items = () => wrapper?.findAll('[data-testid="participant-item"]') ?? [];

  it('says what to do first when the bases are empty', async () => {
    const app = await mountApp('/people');
    wrapper = app.wrapper;
    await settle(() => expect(wrapper?.text()).toContain('В базах пока никого нет'));
    const buttons = wrapper.findAll('a.button');
    // Adding one person, or loading the whole roll from the school's spreadsheet.
    expect(buttons.map((b) => b.text())).toEqual(
      expect.arrayContaining(['Добавить участника', 'Загрузить контингент']),
    );
    const add = buttons.find((b) => b.text() === 'Добавить участника')!;
    await add.trigger('click');
    await settle(() => expect(app.router.currentRoute.value.name).toBe('participant-new'));
  });

  it('shows each person’s consent: valid, missing, or expiring within 30 days', async () => {
    const valid = await adult('Алексеева Ольга', 'mentor');
    await adult('Борисов Пётр', 'mentor');
    const expiring = await adult('Васильев Игорь', 'mentee');
    await recordConsent(db(), valid.id, { given_by: 'self', signed_on: today }, today);
    await recordConsent(
      db(),
      expiring.id,
      { given_by: 'self', signed_on: today, valid_until: addDays(today, 10) },
      today,
    );
    wrapper = (await mountApp('/people')).wrapper;
    await settle(() => expect(items()).toHaveLength(3));
    expect(items().map((i) => i.find('[data-status]').text())).toEqual([
      'Согласие действует',
      'Нет согласия',
      'Согласие истекает скоро',
    ]);
    expect(items()[0]?.text()).toContain('Педагог · наставник');
  });

  it('filters the list by base', async () => {
    await adult('Алексеева Ольга', 'mentor');
    await adult('Васильев Игорь', 'mentee');
    wrapper = (await mountApp('/people')).wrapper;
    await settle(() => expect(items()).toHaveLength(2));
    await wrapper.find('[data-testid="people-filter-mentees"]').trigger('click');
    expect(items().map((i) => i.find('.participant-item__name').text())).toEqual([
      'Васильев Игорь',
    ]);
    expect(wrapper.find('[data-testid="people-filter-mentees"]').attributes('aria-pressed')).toBe(
      'true',
    );
  });

  it('speaks English when the user switches language', async () => {
    await adult('Алексеева Ольга', 'mentor');
    wrapper = (await mountApp('/people')).wrapper;
    await settle(() => expect(items()).toHaveLength(1));
    await wrapper.find('[data-testid="language-switch"]').setValue('en');
    await settle(() => expect(wrapper?.find('h1').text()).toBe('People'));
    expect(items()[0]?.text()).toContain('Teacher · mentor');
    expect(items()[0]?.find('[data-status]').text()).toBe('No consent');
    expect(wrapper.find('a.button').text()).toBe('Add a participant');
  });
});
