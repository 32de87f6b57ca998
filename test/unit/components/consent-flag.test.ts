// A mentor sees a yes/no consent flag for her own mentees (from the server's
// consent_covered_until), never an expiry or any other detail, nothing for anyone else, and
// never the consent form.
import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { addParticipant } from '@/data/repos/participants';
import { addDays } from '@/composables/useParticipantConsent';
import { localIsoDate } from '@/domain/dates';
import { useSessionStore } from '@/stores/session';
import { aPairWithPeople } from '../data/context';
import { mountApp, settle, useFreshDatabase } from '../views/people/support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

describe('the consent flag a mentor sees', () => {
  const db = useFreshDatabase();

  async function openAsMentor(mentorId: string, personId: string, name: string) {
    const app = await mountApp('/');
    wrapper = app.wrapper;
    useSessionStore(app.pinia).memberships = [
      { school_id: db().schoolId, role: 'mentor', participant_id: mentorId },
    ];
    await app.router.push(`/people/${personId}`);
    await settle(() => expect(wrapper!.find('[data-testid="participant-name"]').text()).toBe(name));
    return wrapper!.find('[data-testid="participant-details"]');
  }

  it('is «Согласие действует» for her mentee covered a few more days, with no expiry shown', async () => {
    const { mentor, mentee } = await aPairWithPeople(db(), { consents: false });
    const soon = addDays(localIsoDate(new Date()), 3);
    await db().db.participants.update(mentee.id, { consent_covered_until: soon });
    const details = await openAsMentor(mentor.id, mentee.id, 'Смирнова Анна');
    await settle(() => expect(details.find('[data-status]').text()).toBe('Согласие действует'));
    expect(details.find('[data-status]').attributes('data-status')).toBe('valid');
    expect(wrapper!.find('[data-testid="consent-form"]').exists()).toBe(false);
    expect(wrapper!.find('[data-action="recordConsent"]').exists()).toBe(false);
  });

  it('is «Нет согласия» for her mentee only when the server says she is not covered', async () => {
    const { mentor, mentee } = await aPairWithPeople(db(), { consents: false });
    await db().db.participants.update(mentee.id, { consent_covered_until: null });
    const details = await openAsMentor(mentor.id, mentee.id, 'Смирнова Анна');
    await settle(() => expect(details.find('[data-status]').text()).toBe('Нет согласия'));
  });

  it('is not shown for someone who is not her mentee', async () => {
    const { mentor } = await aPairWithPeople(db(), { consents: false });
    const other = await addParticipant(db(), {
      kind: 'student',
      full_name: 'Козлов Дима',
      is_minor: true,
      is_mentor: false,
      is_mentee: true,
    });
    await db().db.participants.update(other.id, { consent_covered_until: null });
    await openAsMentor(mentor.id, other.id, 'Козлов Дима');
    await settle(() =>
      expect(wrapper!.find('[data-testid="participant-details"]').exists()).toBe(true),
    );
    expect(wrapper!.find('[data-testid="participant-details"] [data-status]').exists()).toBe(false);
  });
});
