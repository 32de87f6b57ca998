// Write commands for the bases of mentors and mentees and their consents.
import {
  participantFields,
  validateConsent,
  validateParticipant,
  type ConsentInput,
  type ParticipantInput,
} from '@/domain/participants';
import type { Consent, IsoDate, Participant } from '@/domain/types';
import { assertValid, cleanText } from '@/domain/validation';
import type { DataContext } from '../context';
import { insertRow, patchRow, RowMissingError, writeTransaction } from '../outbox';
import { newSyncedRow } from './rows';

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
  return writeTransaction(ctx.db, ['participants'], () => insertRow(ctx.db, 'participants', row));
}

export async function updateParticipant(
  ctx: DataContext,
  id: string,
  input: ParticipantInput,
): Promise<void> {
  assertValid(validateParticipant(input));
  await writeTransaction(ctx.db, ['participants'], () =>
    patchRow(ctx.db, 'participants', id, participantFields(input)),
  );
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
