// A fresh device database (fake-indexeddb) per test.
import { openDataContext, type DataContext } from '@/data/context';
import { addParticipant, recordConsent } from '@/data/repos/participants';
import { createPair } from '@/data/repos/pairs';

export async function freshContext(): Promise<DataContext> {
  return openDataContext(`test-${crypto.randomUUID()}`);
}

/** A mentor (teacher) and a minor mentee (student), optionally with valid consents. */
export async function aPairWithPeople(ctx: DataContext, { consents = true } = {}) {
  const mentor = await addParticipant(ctx, {
    kind: 'teacher',
    full_name: 'Петров Сергей Иванович',
    is_minor: false,
    is_mentor: true,
    is_mentee: false,
  });
  const mentee = await addParticipant(ctx, {
    kind: 'student',
    full_name: 'Смирнова Анна',
    class_label: '6Б',
    is_minor: true,
    is_mentor: false,
    is_mentee: true,
  });
  if (consents) {
    await recordConsent(
      ctx,
      mentor.id,
      { given_by: 'self', signed_on: '2026-09-01' },
      '2026-11-25',
    );
    await recordConsent(
      ctx,
      mentee.id,
      {
        given_by: 'representative',
        representative_name: 'Смирнова Елена Викторовна',
        representative_relation: 'мать',
        signed_on: '2026-09-01',
        valid_until: '2027-08-31',
      },
      '2026-11-25',
    );
  }
  const pair = await createPair(ctx, {
    form: 'uchitel_uchenik',
    mentorIds: [mentor.id],
    menteeIds: [mentee.id],
  });
  return { mentor, mentee, pair };
}
