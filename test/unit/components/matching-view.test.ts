// The curator matches mentees without a pair: the two lists, one mentee's mentors with why,
// a draft pair created on her confirmation, and "suggest for everyone" reviewed couple by
// couple before anything is created (a refusal is shown in words).
import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { addParticipant } from '@/data/repos/participants';
import { createPair } from '@/data/repos/pairs';
import type { ParticipantInput } from '@/domain/participants';
import { mountApp, settle, useFreshDatabase } from '../views/people/support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

describe('matching mentees to mentors', () => {
  const db = useFreshDatabase();

  const teacher = (full_name: string, extra: Partial<ParticipantInput> = {}) =>
    addParticipant(db(), {
      kind: 'teacher',
      full_name,
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
      ...extra,
    });
  const student = (full_name: string, extra: Partial<ParticipantInput> = {}) =>
    addParticipant(db(), {
      kind: 'student',
      full_name,
      class_label: '6А',
      is_minor: true,
      is_mentor: false,
      is_mentee: true,
      ...extra,
    });

  async function school() {
    const math = await teacher('Петрова Анна', { subject: 'Математика' });
    const history = await teacher('Соколов Борис', { subject: 'История' });
    const kolya = await student('Иванов Коля', { request: 'Трудности с математикой' });
    const olya = await student('Смирнова Оля', { request: 'Интересуется историей края' });
    const paired = await student('Зайцев Дима');
    await createPair(db(), {
      form: 'uchitel_uchenik',
      mentorIds: [history.id],
      menteeIds: [paired.id],
    });
    return { math, history, kolya, olya };
  }

  const drafts = async () =>
    (await db().db.pairs.toArray()).filter((p) => p.status === 'draft' && p.deleted_at === null);

  it('lists who waits and who has room, ranks mentors with why, and creates a draft', async () => {
    const { math, kolya } = await school();
    wrapper = (await mountApp('/matching')).wrapper;
    await settle(() => expect(wrapper?.findAll('[data-testid="matching-mentee"]')).toHaveLength(2));
    expect(wrapper.find('[data-testid="matching-mentees"]').text()).not.toContain('Зайцев');
    const free = wrapper
      .findAll('[data-testid="matching-mentors"] li')
      .map((li) => [li.find('a').text(), li.find('[data-testid="matching-free"]').text()]);
    expect(free).toEqual([
      ['Петрова Анна', 'свободно 3 из 3'],
      ['Соколов Борис', 'свободно 2 из 3'],
    ]);

    await wrapper.findAll('[data-testid="matching-mentee"]')[0]!.trigger('click');
    await settle(() =>
      expect(wrapper?.findAll('[data-testid="matching-candidate"]')).toHaveLength(2),
    );
    const first = wrapper.findAll('[data-testid="matching-candidate"]')[0]!;
    expect(first.text()).toContain('Петрова Анна');
    expect(first.text()).toContain('Совпадает с тем, что предлагает наставник: математика');
    expect(first.text()).toContain('Наставляемый пока не выбрал наставников');
    expect(first.text()).toContain('34 балла');

    await first.find('[data-testid="matching-create-one"]').trigger('click');
    await settle(() =>
      expect(wrapper?.find('[data-testid="matching-last-created"]').exists()).toBe(true),
    );
    expect(wrapper.find('[data-testid="matching-last-created"]').text()).toContain('Иванов Коля');
    const created = (await drafts()).filter((p) => p.form === 'uchitel_uchenik');
    const members = await db().db.pair_members.toArray();
    const newPair = created.find((p) =>
      members.some((m) => m.pair_id === p.id && m.participant_id === kolya.id),
    );
    expect(newPair).toBeDefined();
    const sides = members
      .filter((m) => m.pair_id === newPair!.id)
      .map((m) => [m.side, m.participant_id])
      .sort();
    expect(sides).toEqual([
      ['mentee', kolya.id],
      ['mentor', math.id],
    ]);
    await settle(() => expect(wrapper?.findAll('[data-testid="matching-mentee"]')).toHaveLength(1));
  });

  it('creates only the couples the curator accepts from the proposal', async () => {
    const { kolya, olya } = await school();
    wrapper = (await mountApp('/matching')).wrapper;
    await settle(() =>
      expect(wrapper?.find('[data-testid="matching-suggest-all"]').exists()).toBe(true),
    );
    await wrapper.find('[data-testid="matching-suggest-all"]').trigger('click');
    await settle(() =>
      expect(wrapper?.findAll('[data-testid="matching-proposal-row"]')).toHaveLength(2),
    );
    const rows = wrapper.findAll('[data-testid="matching-proposal-row"]');
    expect(rows[0]!.text()).toContain('Петрова Анна → Иванов Коля, 6А');
    expect(rows[1]!.text()).toContain('Соколов Борис → Смирнова Оля, 6А');
    expect(rows[1]!.text()).toContain('Совпадает с тем, что предлагает наставник: история');
    const before = (await drafts()).length;

    await rows[0]!.find('[data-testid="matching-skip"]').trigger('click');
    await rows[1]!.find('[data-testid="matching-accept"]').trigger('click');
    expect(wrapper.find('[data-testid="matching-create"]').text()).toBe('Создать черновики пар: 1');
    await wrapper.find('[data-testid="matching-create"]').trigger('click');
    await settle(() =>
      expect(wrapper?.find('[data-testid="matching-created"]').exists()).toBe(true),
    );
    const after = await drafts();
    expect(after).toHaveLength(before + 1);
    const members = await db().db.pair_members.toArray();
    const paired = new Set(members.filter((m) => m.side === 'mentee').map((m) => m.participant_id));
    expect(paired.has(olya.id)).toBe(true);
    expect(paired.has(kolya.id)).toBe(false);
  });

  it('says in words why a confirmed couple was refused, and creates nothing for it', async () => {
    const { math } = await school();
    wrapper = (await mountApp('/matching')).wrapper;
    await settle(() =>
      expect(wrapper?.find('[data-testid="matching-suggest-all"]').exists()).toBe(true),
    );
    await wrapper.find('[data-testid="matching-suggest-all"]').trigger('click');
    await settle(() =>
      expect(wrapper?.findAll('[data-testid="matching-proposal-row"]')).toHaveLength(2),
    );
    // Meanwhile the mathematician leaves the programme (another device, or another tab).
    await db().db.participants.update(math.id, { archived_on: '2026-11-30' });
    const before = (await drafts()).length;
    await wrapper.find('[data-testid="matching-accept-all"]').trigger('click');
    await wrapper.find('[data-testid="matching-create"]').trigger('click');
    await settle(() =>
      expect(wrapper?.find('[data-testid="matching-refused"]').exists()).toBe(true),
    );
    expect(wrapper.find('[data-testid="matching-refused"]').text()).toBe(
      'Выбыл(а) из программы, в пару не добавить: Петрова Анна',
    );
    await settle(() =>
      expect(wrapper?.findAll('[data-testid="matching-created"]')).toHaveLength(1),
    );
    expect(await drafts()).toHaveLength(before + 1);
  });

  it('opens one mentee’s mentors from a link', async () => {
    const { olya } = await school();
    wrapper = (await mountApp(`/matching?mentee=${olya.id}`)).wrapper;
    await settle(() =>
      expect(wrapper?.findAll('[data-testid="matching-candidate"]')).toHaveLength(2),
    );
    expect(wrapper.find('#matching-candidates-title').text()).toBe(
      'Кого предложить: Смирнова Оля, 6А',
    );
  });
});
