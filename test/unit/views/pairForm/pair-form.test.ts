import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { addParticipant, recordConsent } from '@/data/repos/participants';
import { localIsoDate } from '@/domain/dates';
import { mountApp, settle, useFreshDatabase } from '../people/support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());
const today = localIsoDate(new Date());

describe('forming a pair', () => {
  const db = useFreshDatabase();
  async function bases() {
    // A student mentor: an «ученик – ученик» pair takes students on both sides.
    const mentor = await addParticipant(db(), {
      kind: 'student',
      full_name: 'Петров Сергей Иванович',
      class_label: '11А',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    const mentee = await addParticipant(db(), {
      kind: 'student',
      full_name: 'Смирнова Анна',
      class_label: '6Б',
      is_minor: true,
      is_mentor: false,
      is_mentee: true,
    });
    await recordConsent(db(), mentor.id, { given_by: 'self', signed_on: today }, today);
    return { mentor, mentee };
  }

  it('says the bases are empty and links to adding a person', async () => {
    wrapper = (await mountApp('/pairs/new')).wrapper;
    await settle(() => expect(wrapper?.text()).toContain('В базе наставников пока никого нет.'));
    expect(wrapper.text()).toContain('В базе наставляемых пока никого нет.');
    expect(wrapper.find('a.button').attributes('href')).toBe('/people/new');
  });

  it('creates a draft pair from the two bases and opens it', async () => {
    const { mentor, mentee } = await bases();
    const app = await mountApp('/pairs/new');
    wrapper = app.wrapper;
    await settle(() => expect(wrapper?.find('[data-testid="pair-form"]').exists()).toBe(true));
    const chip = wrapper.findAll('label.chip').find((c) => c.text() === 'ученик – ученик');
    await chip?.find('input').setValue(true);
    const suggestion = wrapper.findAll('button.chip').find((b) => b.text() === 'лидер – пассивный');
    await suggestion?.trigger('click');
    expect((wrapper.find('[name="role_model"]').element as HTMLInputElement).value).toBe(
      'лидер – пассивный',
    );
    await wrapper.find(`[data-testid="pick-mentors"] input[value="${mentor.id}"]`).setValue(true);
    await wrapper.find(`[data-testid="pick-mentees"] input[value="${mentee.id}"]`).setValue(true);
    expect(wrapper.find('[data-testid="consent-warning"]').text()).toContain('Смирнова Анна');
    expect(wrapper.find('[data-testid="consent-warning"]').text()).not.toContain('Петров');

    await wrapper.find('[data-testid="pair-form"]').trigger('submit');
    await settle(() => expect(app.router.currentRoute.value.name).toBe('pair'));
    const [pair] = await db().db.pairs.toArray();
    expect(app.router.currentRoute.value.params.pairId).toBe(pair?.id);
    expect(pair).toMatchObject({ form: 'uchenik_uchenik', role_model: 'лидер – пассивный' });
    expect(pair?.status).toBe('draft');
    const members = await db()
      .db.pair_members.where('pair_id')
      .equals(pair?.id ?? '')
      .toArray();
    expect(members.map((m) => [m.participant_id, m.side]).sort()).toEqual(
      [
        [mentor.id, 'mentor'],
        [mentee.id, 'mentee'],
      ].sort(),
    );
  });

  it('opens with the mentee chosen when the triage asks to find her a mentor', async () => {
    const { mentee } = await bases();
    wrapper = (await mountApp(`/pairs/new?mentee=${mentee.id}`)).wrapper;
    await settle(() => expect(wrapper?.find('[data-testid="pair-form"]').exists()).toBe(true));
    const box = wrapper.find(`[data-testid="pick-mentees"] input[value="${mentee.id}"]`);
    expect((box.element as HTMLInputElement).checked).toBe(true);
  });

  it('explains what is missing and keeps the choices', async () => {
    const { mentee } = await bases();
    wrapper = (await mountApp('/pairs/new')).wrapper;
    await settle(() => expect(wrapper?.find('[data-testid="pair-form"]').exists()).toBe(true));
    await wrapper.find('[name="title"]').setValue('Робототехника');
    await wrapper.find(`[data-testid="pick-mentees"] input[value="${mentee.id}"]`).setValue(true);
    await wrapper.find('[data-testid="pair-form"]').trigger('submit');
    await settle(() => expect(wrapper?.text()).toContain('Выберите наставника'));
    expect(wrapper.text()).toContain('Выберите форму наставничества');
    expect((wrapper.find('[name="title"]').element as HTMLInputElement).value).toBe(
      'Робототехника',
    );
    expect(await db().db.pairs.count()).toBe(0);
  });

  it('finds people by name in a long base and keeps the chosen ones in view', async () => {
    await bases();
    const names = ['Андреева Вера', 'Белов Олег', 'Волкова Нина', 'Гусев Павел', 'Дьякова Юлия'];
    for (const full_name of names) {
      await addParticipant(db(), {
        kind: 'teacher',
        full_name,
        is_minor: false,
        is_mentor: true,
        is_mentee: false,
      });
    }
    wrapper = (await mountApp('/pairs/new')).wrapper;
    await settle(() => expect(wrapper?.find('[data-testid="pair-form"]').exists()).toBe(true));
    const mentors = () => wrapper!.find('[data-testid="pick-mentors"]');
    expect(mentors().findAll('input[type="checkbox"]')).toHaveLength(6);
    const belov = mentors()
      .findAll('label')
      .find((l) => l.text().includes('Белов'));
    await belov?.find('input').setValue(true);
    await mentors().find('input[type="search"]').setValue('вол');
    const shown = mentors()
      .findAll('.participant-picker__name')
      .map((n) => n.text());
    expect(shown).toEqual(['Белов Олег', 'Волкова Нина']);
    expect(wrapper.find('[data-testid="pick-mentees"] input[type="search"]').exists()).toBe(false);
  });
});
