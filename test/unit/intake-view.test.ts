// The intake on screen: a mentee fills her own on the phone (request, interests, form, the
// mentors she chose, in order), a refusal keeps what she typed; the curator enters a mentor's
// intake from paper and matching then counts her places from it; the home card asks for a
// missing intake until it is saved.
import { afterEach, describe, expect, it } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { routes } from '@/app/router';
import IntakeHomeCard from '@/components/intake/IntakeHomeCard.vue';
import IntakeParticipantLinks from '@/components/intake/IntakeParticipantLinks.vue';
import { addParticipant } from '@/data/repos/participants';
import { readIntake, saveIntake } from '@/data/repos/intakes';
import { createAppI18n, loadFeatureMessages } from '@/i18n';
import { useSessionStore } from '@/stores/session';
import { mountApp, settle, useFreshDatabase } from './views/people/support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

// A cold first run transforms the lazy intake and matching pages: the bound is for that.
describe('intake questionnaires', { timeout: 20_000 }, () => {
  const db = useFreshDatabase();

  const teacher = (full_name: string, subject: string) =>
    addParticipant(db(), {
      kind: 'teacher',
      full_name,
      subject,
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
  const mentee = () =>
    addParticipant(db(), {
      kind: 'student',
      full_name: 'Иванов Коля',
      class_label: '11А',
      is_minor: false,
      is_mentor: false,
      is_mentee: true,
    });

  /** The app as the person with these seats (a school workspace). */
  async function asSeats(path: string, seats: { role: string; participant_id: string | null }[]) {
    const app = await mountApp('/');
    useSessionStore(app.pinia).memberships = seats.map((s) => ({
      ...s,
      school_id: db().schoolId,
    })) as never;
    await app.router.push(path);
    return app;
  }

  it('lets a mentee fill her own on the phone, with her chosen mentors in order', async () => {
    const anna = await teacher('Петрова Анна', 'Математика');
    const boris = await teacher('Соколов Борис', 'История');
    const kolya = await mentee();
    const app = await asSeats('/intake', [{ role: 'mentee', participant_id: kolya.id }]);
    wrapper = app.wrapper;
    await settle(() => expect(wrapper!.find('[data-testid="intake-form"]').exists()).toBe(true));
    expect(wrapper.get('[data-testid="intake-title"]').text()).toBe('Анкета наставляемого');
    expect(wrapper.text()).toContain('Чего я хочу достичь с наставником?');

    await wrapper.get('textarea[name="request"]').setValue('Подтянуть математику к ЕГЭ');
    await wrapper.get('textarea[name="interests"]').setValue('шахматы, программирование');
    await wrapper.get('input[name="forms"][value="uchitel_uchenik"]').setValue(true);
    // Her choice after the group meeting: Соколов first, then Петрова.
    await wrapper.get('[data-testid="intake-add-mentor"]').setValue(boris.id);
    await wrapper.get('[data-testid="intake-add-mentor"]').setValue(anna.id);
    const chosen = () =>
      wrapper!.findAll('[data-testid="intake-chosen"] li').map((li) => li.text());
    expect(chosen()[0]).toContain('1. Соколов Борис (История)');
    expect(chosen()[1]).toContain('2. Петрова Анна (Математика)');
    // Петрова up: she is now the first choice.
    await wrapper
      .findAll('[data-testid="intake-chosen"] li')[1]!
      .findAll('button')[0]!
      .trigger('click');
    expect(chosen()[0]).toContain('1. Петрова Анна');

    const save = wrapper.get('[data-testid="intake-save"]');
    expect(save.attributes('data-action')).toBe('fillIntake');
    await wrapper.get('[data-testid="intake-form"]').trigger('submit');
    await settle(() => expect(wrapper!.find('[data-testid="intake-saved"]').exists()).toBe(true));
    const row = await readIntake(db(), kolya.id, 'mentee');
    expect(row).toMatchObject({
      request: 'Подтянуть математику к ЕГЭ',
      interests: 'шахматы, программирование',
      forms: ['uchitel_uchenik'],
      preferred_mentor_ids: [anna.id, boris.id],
      offers: null,
      capacity: null,
    });
    const entries = await db().db.outbox.where('table').equals('intakes').toArray();
    expect(entries.map((e) => e.op)).toEqual(['insert']);
  });

  it('says why a too long answer is refused and keeps what she typed', async () => {
    const kolya = await mentee();
    const app = await asSeats('/intake', [{ role: 'mentee', participant_id: kolya.id }]);
    wrapper = app.wrapper;
    await settle(() => expect(wrapper!.find('[data-testid="intake-form"]').exists()).toBe(true));
    const long = 'математика '.repeat(200);
    await wrapper.get('textarea[name="request"]').setValue(long);
    await wrapper.get('[data-testid="intake-form"]').trigger('submit');
    await settle(() => expect(wrapper!.find('[role="alert"]').exists()).toBe(true));
    expect(wrapper.get('[role="alert"]').text()).toBe(
      'Слишком длинный текст: не больше 2000 символов',
    );
    expect((wrapper.get('textarea[name="request"]').element as HTMLTextAreaElement).value).toBe(
      long,
    );
    expect(await readIntake(db(), kolya.id, 'mentee')).toBeNull();
  });

  it('lets the curator enter a mentor’s intake, and matching counts her places from it', async () => {
    const anna = await teacher('Петрова Анна', 'Математика');
    const app = await asSeats(`/people/${anna.id}/intake?role=mentor`, [
      { role: 'curator', participant_id: null },
    ]);
    wrapper = app.wrapper;
    await settle(() => expect(wrapper!.find('[data-testid="intake-form"]').exists()).toBe(true));
    expect(wrapper.get('[data-testid="intake-title"]').text()).toBe('Анкета наставника');
    expect(wrapper.text()).toContain('Чем я могу быть полезен как наставник?');
    // The school's members see part of it when they choose a mentor: the curator is told so.
    expect(wrapper.get('[data-testid="intake-mentor-visible"]').text()).toContain(
      'Участники школы, которые выбирают наставника, увидят в списке наставников имя',
    );
    await wrapper.get('textarea[name="offers"]').setValue('Олимпиадная математика');
    await wrapper.get('input[name="capacity"]').setValue('31');
    await wrapper.get('[data-testid="intake-form"]').trigger('submit');
    await settle(() => expect(wrapper!.text()).toContain('Укажите целое число от 1 до 30'));
    await wrapper.get('input[name="capacity"]').setValue('5');
    expect(wrapper.get('[data-testid="intake-save"]').attributes('data-action')).toBe(
      'enterIntake',
    );
    await wrapper.get('[data-testid="intake-form"]').trigger('submit');
    await settle(() => expect(wrapper!.find('[data-testid="intake-saved"]').exists()).toBe(true));
    expect(await readIntake(db(), anna.id, 'mentor')).toMatchObject({
      offers: 'Олимпиадная математика',
      capacity: 5,
    });

    await app.router.push('/matching');
    await settle(() =>
      expect(wrapper!.find('[data-testid="matching-free"]').text()).toBe('свободно 5 из 5'),
    );
    expect(wrapper.find('[data-testid="matching-default-capacity"]').exists()).toBe(false);
  });

  it('tells a mentor filling her own what the school’s mentees will see of it', async () => {
    const anna = await teacher('Петрова Анна', 'Математика');
    const app = await asSeats('/intake?role=mentor', [{ role: 'mentor', participant_id: anna.id }]);
    wrapper = app.wrapper;
    await settle(() => expect(wrapper!.find('[data-testid="intake-form"]').exists()).toBe(true));
    expect(wrapper.get('[data-testid="intake-mentor-visible"]').text()).toBe(
      'Участники вашей школы, которые выбирают наставника, увидят в списке наставников ваше имя, предмет, ответ «Чем я могу быть полезен», формы наставничества и есть ли у вас свободные места. Остальные ответы видят только куратор и администратор школы.',
    );
  });

  it('says nothing of a directory on a device-only install (no school sees it)', async () => {
    const anna = await teacher('Петрова Анна', 'Математика');
    const app = await mountApp(`/people/${anna.id}/intake?role=mentor`);
    wrapper = app.wrapper;
    await settle(() => expect(wrapper!.find('[data-testid="intake-form"]').exists()).toBe(true));
    expect(wrapper.find('[data-testid="intake-mentor-visible"]').exists()).toBe(false);
  });

  it('keeps the curator, who has no seat of her own, out of the own intake page', async () => {
    const app = await asSeats('/intake', [{ role: 'curator', participant_id: null }]);
    wrapper = app.wrapper;
    await flushPromises();
    expect(app.router.currentRoute.value.name).toBe('home');
  });

  it('keeps a mentee out of the staff’s entry page', async () => {
    const anna = await teacher('Петрова Анна', 'Математика');
    const kolya = await mentee();
    const app = await asSeats(`/people/${anna.id}/intake?role=mentor`, [
      { role: 'mentee', participant_id: kolya.id },
    ]);
    wrapper = app.wrapper;
    await flushPromises();
    expect(app.router.currentRoute.value.name).toBe('home');
  });

  it('asks on the home screen for an intake not filled yet, until it is saved', async () => {
    const kolya = await mentee();
    await loadFeatureMessages(['intake']);
    const pinia = createPinia();
    const session = useSessionStore(pinia);
    session.memberships = [
      { school_id: db().schoolId, role: 'mentee', participant_id: kolya.id },
    ] as never;
    const router = createRouter({ history: createMemoryHistory(), routes });
    await router.push('/');
    wrapper = mount(IntakeHomeCard, { global: { plugins: [pinia, createAppI18n(), router] } });
    await settle(() =>
      expect(wrapper!.find('[data-testid="intake-home-card"]').exists()).toBe(true),
    );
    const card = wrapper.get('[data-testid="intake-home-card"]');
    expect(card.text()).toContain('Заполните анкету');
    expect(card.get('a').attributes('href')).toBe('/intake?role=mentee');
    expect(card.get('a').attributes('data-action')).toBe('fillIntake');
    await saveIntake(db(), kolya.id, { role: 'mentee', request: 'Физика' });
    await settle(() =>
      expect(wrapper!.find('[data-testid="intake-home-card"]').exists()).toBe(false),
    );
  });

  it('offers staff, and only staff, the links to a participant’s intakes', async () => {
    const anna = await addParticipant(db(), {
      kind: 'teacher',
      full_name: 'Петрова Анна',
      is_minor: false,
      is_mentor: true,
      is_mentee: true,
    });
    await loadFeatureMessages(['intake']);
    const links = async (role: string, participant_id: string | null) => {
      const pinia = createPinia();
      useSessionStore(pinia).memberships = [
        { school_id: db().schoolId, role, participant_id },
      ] as never;
      const router = createRouter({ history: createMemoryHistory(), routes });
      await router.push('/');
      const mounted = mount(IntakeParticipantLinks, {
        props: { participant: anna },
        global: { plugins: [pinia, createAppI18n(), router] },
      });
      const out = mounted.findAll('a').map((a) => [a.text(), a.attributes('href')]);
      mounted.unmount();
      return out;
    };
    expect(await links('curator', null)).toEqual([
      ['Анкета наставника', `/people/${anna.id}/intake?role=mentor`],
      ['Анкета наставляемого', `/people/${anna.id}/intake?role=mentee`],
    ]);
    expect(await links('mentor', anna.id)).toEqual([]);
  });
});
