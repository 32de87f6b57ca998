// Write commands for the bases of mentors and mentees and their consents. The staff's
// request about a person lives in participant_sensitive (mentees never read it), one row per
// participant, created with the first request.
import {
  contactFields,
  participantFields,
  validateConsent,
  validateContacts,
  validateParticipant,
  type ConsentInput,
  type ContactsInput,
  type ParticipantInput,
} from '@/domain/participants';
import type { Consent, IsoDate, Participant, ParticipantSensitive } from '@/domain/types';
import { assertValid, cleanText } from '@/domain/validation';
import type { DataContext } from '../context';
import { insertRow, patchRow, RowMissingError, writeTransaction } from '../outbox';
import { newSyncedRow } from './rows';

/** Writes the request when the form offered it (`undefined`: not edited there). */
async function saveRequest(
  ctx: DataContext,
  participant: Pick<Participant, 'id' | 'school_id'>,
  request: string | null | undefined,
): Promise<void> {
  if (request === undefined) return;
  const text = cleanText(request);
  const existing = (
    await ctx.db.participant_sensitive.where('participant_id').equals(participant.id).toArray()
  ).find((row) => !row.deleted_at);
  if (existing) {
    await patchRow(ctx.db, 'participant_sensitive', existing.id, { request: text });
  } else if (text) {
    const row: ParticipantSensitive = {
      ...newSyncedRow(ctx),
      school_id: participant.school_id,
      participant_id: participant.id,
      categories: [],
      note: null,
      request: text,
    };
    await insertRow(ctx.db, 'participant_sensitive', row);
  }
}

const PEOPLE_TABLES = ['participants', 'participant_sensitive'] as const;

export async function addParticipant(
  ctx: DataContext,
  input: ParticipantInput,
): Promise<Participant> {
  assertValid(validateParticipant(input));
  const row: Participant = {
    ...newSyncedRow(ctx),
    birth_year: null,
    teaching_experience_years: null,
    workplace: null,
    position: null,
    interests: null,
    user_id: null,
    ...participantFields(input),
  };
  return writeTransaction(ctx.db, [...PEOPLE_TABLES], async () => {
    await insertRow(ctx.db, 'participants', row);
    await saveRequest(ctx, row, input.request);
    return row;
  });
}

export async function updateParticipant(
  ctx: DataContext,
  id: string,
  input: ParticipantInput,
): Promise<void> {
  assertValid(validateParticipant(input));
  await writeTransaction(ctx.db, [...PEOPLE_TABLES], async () => {
    const participant = await ctx.db.participants.get(id);
    if (!participant || participant.deleted_at) throw new RowMissingError('participants', id);
    await patchRow(ctx.db, 'participants', id, participantFields(input));
    await saveRequest(ctx, participant, input.request);
  });
}

/** A mentor's own phone and e-mail (the server lets her change nothing else of her card). */
export async function updateOwnContacts(
  ctx: DataContext,
  id: string,
  input: ContactsInput,
): Promise<void> {
  assertValid(validateContacts(input));
  await writeTransaction(ctx.db, [...PEOPLE_TABLES], async () => {
    const participant = await ctx.db.participants.get(id);
    if (!participant || participant.deleted_at) throw new RowMissingError('participants', id);
    await patchRow(ctx.db, 'participants', id, contactFields(input));
  });
}

export async function recordConsent(
  ctx: DataContext,
  participantId: string,
  input: ConsentInput,
  today: IsoDate,
): Promise<Consent> {
  const participant = await ctx.db.participants.get(participantId);
  if (!participant || participant.deleted_at) {
    throw new RowMissingError('participants', participantId);
  }
  assertValid(validateConsent(input, participant, today));
  const representative = input.given_by === 'representative';
  const row: Consent = {
    ...newSyncedRow(ctx),
    participant_id: participantId,
    given_by: input.given_by,
    representative_name: representative ? cleanText(input.representative_name) : null,
    representative_relation: representative ? cleanText(input.representative_relation) : null,
    signed_on: input.signed_on,
    valid_until: cleanText(input.valid_until),
    revoked_on: null,
    scope_note: null,
  };
  return writeTransaction(ctx.db, ['consents'], () => insertRow(ctx.db, 'consents', row));
}

export async function revokeConsent(ctx: DataContext, id: string, day: IsoDate): Promise<void> {
  await writeTransaction(ctx.db, ['consents'], () =>
    patchRow(ctx.db, 'consents', id, { revoked_on: day }),
  );
}
