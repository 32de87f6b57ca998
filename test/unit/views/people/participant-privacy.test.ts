// What each role sees on a person's page: staff keep the consents and the request; a mentor
// gets a yes/no from the card (never a false «Нет согласия») and reads the request about her
// mentee, without consent rows or forms.
import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { createPair } from '@/data/repos/pairs';
import { addParticipant, updateParticipant } from '@/data/repos/participants';
import { useSessionStore } from '@/stores/session';
import { mountApp, settle, useFreshDatabase } from './support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

const ANNA = {
  kind: 'student',
  full_name: 'Смирнова Анна',
  class_label: '6Б',
  is_minor: true,
  is_mentor: false,
  is_mentee: true,
} as const;

describe('a person’s page by role', () => {
  const db = useFreshDatabase();

  /** A teacher who mentors Анна (the flag is shown for her own mentees only). */
  async function herMentor(annaId: string): Promise<string> {
    const mentor = await addParticipant(db(), {
      kind: 'teacher',
      full_name: 'Петрова Ольга',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    await createPair(db(), {
      form: 'uchitel_uchenik',
      mentorIds: [mentor.id],
      menteeIds: [annaId],
    });
    return mentor.id;
  }

  async function openAs(participantId: string, role: 'mentor' | 'curator', seat = 'me') {
    const app = await mountApp('/');
    wrapper = app.wrapper;
    useSessionStore(app.pinia).memberships = [
      { school_id: db().schoolId, role, participant_id: role === 'mentor' ? seat : null },
    ];
    await app.router.push(`/people/${participantId}`);
    await settle(() =>
      expect(wrapper?.find('[data-testid="participant-name"]').text()).toBe('Смирнова Анна'),
    );
    return app;
  }

  it('a mentor sees «Согласие действует» from the card, with no consent rows or forms', async () => {
    const anna = await addParticipant(db(), ANNA);
    // As the server sends it: covered, though the mentor's device holds no consent row.
    await db().db.participants.update(anna.id, { consent_covered_until: 'infinity' });
    await openAs(anna.id, 'mentor', await herMentor(anna.id));
    await settle(() =>
      expect(wrapper?.find('[data-testid="participant-details"] [data-status]').text()).toBe(
        'Согласие действует',
      ),
    );
    expect(wrapper!.find('[data-testid="consent-form"]').exists()).toBe(false);
    expect(wrapper!.text()).not.toContain('Согласия');
  });

  it('a mentor sees «Нет согласия» only when the server says she is not covered', async () => {
    const anna = await addParticipant(db(), ANNA);
    await db().db.participants.update(anna.id, { consent_covered_until: null });
    await openAs(anna.id, 'mentor', await herMentor(anna.id));
    await settle(() =>
      expect(wrapper?.find('[data-testid="participant-details"] [data-status]').text()).toBe(
        'Нет согласия',
      ),
    );
  });

  it('a mentor reads the staff’s request about her mentee and is not offered to edit the card', async () => {
    const anna = await addParticipant(db(), ANNA);
    await updateParticipant(db(), anna.id, { ...ANNA, request: 'Пассивность на уроках' });
    await openAs(anna.id, 'mentor');
    await settle(() =>
      expect(wrapper?.find('[data-testid="participant-details"]').text()).toContain(
        'Пассивность на уроках',
      ),
    );
    expect(wrapper!.find('[data-testid="participant-edit"]').exists()).toBe(false);
  });

  it('a mentor edits only the contact details of her own card', async () => {
    const anna = await addParticipant(db(), { ...ANNA, kind: 'teacher', is_minor: false });
    await db().db.outbox.clear(); // her card is on the server already
    const app = await mountApp('/');
    wrapper = app.wrapper;
    useSessionStore(app.pinia).memberships = [
      { school_id: db().schoolId, role: 'mentor', participant_id: anna.id },
    ];
    await app.router.push(`/people/${anna.id}`);
    await settle(() =>
      expect(wrapper?.find('[data-testid="participant-name"]').text()).toBe('Смирнова Анна'),
    );
    expect(wrapper.find('[data-testid="participant-edit"]').exists()).toBe(false);
    await wrapper.find('[data-testid="contacts-edit"]').trigger('click');
    const form = wrapper.find('[data-testid="contacts-form"]');
    expect(form.findAll('input').map((i) => i.attributes('name'))).toEqual(['phone', 'email']);

    await form.find('input[name="email"]').setValue('не адрес');
    await form.trigger('submit');
    await settle(() => expect(wrapper!.find('[aria-invalid="true"]').exists()).toBe(true));
    expect((form.find('input[name="email"]').element as HTMLInputElement).value).toBe('не адрес');

    await form.find('input[name="email"]').setValue('anna@school.example');
    await form.find('input[name="phone"]').setValue('+7 913 111-22-33');
    await form.trigger('submit');
    await settle(async () => {
      const row = await db().db.participants.get(anna.id);
      expect(row).toMatchObject({ email: 'anna@school.example', phone: '+7 913 111-22-33' });
    });
    const queued = await db().db.outbox.toArray();
    expect(queued.map((e) => [e.op, Object.keys(e.fields).sort()])).toEqual([
      ['patch', ['email', 'phone']],
    ]);
  });

  it('a mentor is offered nothing on another person’s card', async () => {
    const anna = await addParticipant(db(), ANNA);
    await openAs(anna.id, 'mentor');
    expect(wrapper!.find('[data-testid="participant-edit"]').exists()).toBe(false);
    expect(wrapper!.find('[data-action]').exists()).toBe(false);
  });

  it('the curator edits the request on the person’s form; it goes to participant_sensitive', async () => {
    const anna = await addParticipant(db(), ANNA);
    await openAs(anna.id, 'curator');
    await wrapper!.find('[data-testid="participant-edit"]').trigger('click');
    await settle(() => expect(wrapper?.find('[name="request"]').exists()).toBe(true));
    await wrapper!.find('[name="request"]').setValue('Запрос педагога-психолога: пропуски');
    await wrapper!.find('[data-testid="participant-form"]').trigger('submit');
    await settle(() =>
      expect(wrapper?.find('[data-testid="participant-details"]').text()).toContain(
        'Запрос педагога-психолога: пропуски',
      ),
    );
    expect(await db().db.participant_sensitive.toArray()).toMatchObject([
      { participant_id: anna.id, request: 'Запрос педагога-психолога: пропуски' },
    ]);
    // Staff keep the consents section.
    expect(wrapper!.find('[data-testid="consent-form"]').exists()).toBe(true);
  });
});
