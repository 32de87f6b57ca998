// A mentor looks at her own courses: the list with each course's standing and whether a
// valid 36-hour course is on record, read-only (the curator records them). Who may see the
// list on a card: staff anyone's, a person her own, nobody else's (useMayReadTrainings).
import { afterEach, describe, expect, it } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { defineComponent, h } from 'vue';
import ParticipantTrainings from '@/components/trainings/ParticipantTrainings.vue';
import { useMayReadTrainings } from '@/composables/useTrainings';
import { addParticipant } from '@/data/repos/participants';
import { addTraining } from '@/data/repos/trainings';
import { addDays, localIsoDate } from '@/domain/dates';
import { addYears } from '@/domain/training';
import { createAppI18n, loadFeatureMessages } from '@/i18n';
import type { Participant } from '@/domain/types';
import { schoolDate } from '@/domain/validation';
import { useSessionStore } from '@/stores/session';
import { settle, useFreshDatabase } from './views/people/support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

describe('her own courses on her card', () => {
  const db = useFreshDatabase();
  const today = localIsoDate(new Date());

  async function teacher(name: string): Promise<Participant> {
    return addParticipant(db(), {
      kind: 'teacher',
      full_name: name,
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
  }

  /** Mounts `component` as a user with these seats in the device's school. */
  async function asSeat(
    role: string,
    participantId: string,
    component: Parameters<typeof mount>[0],
    props: Record<string, unknown>,
  ) {
    const pinia = createPinia();
    setActivePinia(pinia);
    useSessionStore(pinia).memberships = [
      { role, participant_id: participantId, school_id: db().schoolId },
    ] as never;
    await loadFeatureMessages(['trainings']);
    return mount(component, { props, global: { plugins: [pinia, createAppI18n()] } });
  }

  it('lists her courses with their standing and the valid 36-hour course, with no controls', async () => {
    const me = await teacher('Кравцова Елена Викторовна');
    const completed = addDays(today, -40);
    await addTraining(
      db(),
      me.id,
      {
        title: 'Наставничество в образовательной организации',
        provider: 'ИРООО',
        hours: 72,
        completed_on: completed,
        certificate_number: '552400012345',
      },
      today,
    );
    await addTraining(
      db(),
      me.id,
      { title: 'Цифровые инструменты', hours: 16, completed_on: addDays(today, -10) },
      today,
    );
    wrapper = await asSeat('mentor', me.id, ParticipantTrainings, { participant: me });
    await settle(() => expect(wrapper!.findAll('[data-testid="training-item"]')).toHaveLength(2));
    expect(wrapper.get('[data-testid="training-current"]').text()).toContain(
      schoolDate(addYears(completed, 3)),
    );
    expect(wrapper.text()).toContain('Наставничество в образовательной организации');
    expect(wrapper.text()).toContain('менее 36 ч');
    expect(wrapper.get('[data-testid="training-own-note"]').text()).toContain('куратор');
    expect(wrapper.find('[data-action]').exists()).toBe(false);
  });

  it('says when no valid 36-hour course is on record', async () => {
    const me = await teacher('Белоусов Игорь Олегович');
    wrapper = await asSeat('mentor', me.id, ParticipantTrainings, { participant: me });
    await settle(() => expect(wrapper!.text()).toContain('Курсы пока не внесены.'));
    expect(wrapper.get('[data-testid="training-current"]').text()).toBe(
      'Действующего курса от 36 часов нет',
    );
  });

  it("shows the list on her own card and to staff, never on someone else's", async () => {
    const me = await teacher('Кравцова Елена Викторовна');
    const other = await teacher('Белоусов Игорь Олегович');
    const Probe = defineComponent({
      props: { ids: { type: Array as () => string[], required: true } },
      setup(props) {
        const may = useMayReadTrainings();
        return () => h('p', props.ids.map((id) => (may(id) ? 'y' : 'n')).join(''));
      },
    });
    wrapper = await asSeat('mentor', me.id, Probe, { ids: [me.id, other.id] });
    expect(wrapper.text()).toBe('yn');
    wrapper.unmount();
    wrapper = await asSeat('curator', other.id, Probe, { ids: [me.id, other.id] });
    expect(wrapper.text()).toBe('yy');
  });
});
