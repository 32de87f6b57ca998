// Write commands for the bases of mentors and mentees and their consents. The staff's
// request about a person lives in participant_sensitive (mentees never read it), one row per
// participant, created with the first request.
import { consentDateErrors } from '@/domain/consent';
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
import { liveQuery } from 'dexie';
import { ARCHIVE_END_REASON, archiveEffects, type ArchiveEffect } from '@/domain/pairs';
import type { Consent, IsoDate, Pair, Participant, ParticipantSensitive } from '@/domain/types';
import { assertValid, cleanText } from '@/domain/validation';
import type { DataContext } from '../context';
import { insertRow, patchRow, RowMissingError, writeTransaction } from '../outbox';
import type { Observable } from '../queries';
import { deleteAndErase } from '../tombstones';
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
  assertValid([...validateConsent(input, participant, today), ...consentDateErrors(input, today)]);
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

/** Her live pairs and what archiving her would do to each (read live for the confirmation). */
export function observeArchiveEffects(
  ctx: DataContext,
  participantId: string,
): Observable<ArchiveEffect[]> {
  return liveQuery(() => readArchiveEffects(ctx, participantId));
}

async function readArchiveEffects(ctx: DataContext, participantId: string) {
  const mine = await ctx.db.pair_members.where('participant_id').equals(participantId).toArray();
  const pairIds = [...new Set(mine.filter((m) => !m.deleted_at).map((m) => m.pair_id))];
  const pairs = (await ctx.db.pairs.bulkGet(pairIds)).filter((p): p is Pair => !!p);
  const members = await ctx.db.pair_members.where('pair_id').anyOf(pairIds).toArray();
  const people = await ctx.db.participants.bulkGet([
    ...new Set(members.map((m) => m.participant_id)),
  ]);
  // A card the device holds names her; else the name the server copied into pair_members.
  const names = new Map<string, string>(
    members.map((m) => [m.participant_id, m.full_name ?? ''] as [string, string]),
  );
  for (const person of people) if (person) names.set(person.id, person.full_name);
  return archiveEffects(participantId, pairs, members, names);
}

/**
 * The person leaves the programme: each of her live pairs ends early («Участник выбыл из
 * программы») or, in a group that goes on without her, her member row is removed; then her
 * card is marked archived_on = today. One transaction: all of it, or nothing.
 */
export async function archiveParticipant(
  ctx: DataContext,
  participantId: string,
  today: IsoDate,
): Promise<ArchiveEffect[]> {
  return writeTransaction(ctx.db, ['participants', 'pairs', 'pair_members'], async () => {
    const participant = await ctx.db.participants.get(participantId);
    if (!participant || participant.deleted_at) {
      throw new RowMissingError('participants', participantId);
    }
    const effects = await readArchiveEffects(ctx, participantId);
    for (const effect of effects) {
      if (effect.effect === 'end') {
        const pair = await ctx.db.pairs.get(effect.pairId);
        // A pair that starts later than today ends on its start (pairs_dates_ordered).
        const endedOn = pair?.started_on && pair.started_on > today ? pair.started_on : today;
        await patchRow(ctx.db, 'pairs', effect.pairId, {
          status: 'ended_early',
          ended_on: endedOn,
          end_reason: ARCHIVE_END_REASON,
        });
      } else {
        const rows = await ctx.db.pair_members.where('pair_id').equals(effect.pairId).toArray();
        for (const row of rows) {
          if (row.participant_id === participantId && !row.deleted_at) {
            await deleteAndErase(ctx.db, 'pair_members', row.id);
          }
        }
      }
    }
    await patchRow(ctx.db, 'participants', participantId, { archived_on: today });
    return effects;
  });
}

/** She takes part again (her ended pairs stay ended: new ones are formed as usual). */
export async function unarchiveParticipant(ctx: DataContext, participantId: string): Promise<void> {
  await writeTransaction(ctx.db, ['participants'], async () => {
    await patchRow(ctx.db, 'participants', participantId, { archived_on: null });
  });
}

/**
 * The people `mentorIds` (the viewer's own mentor seats) mentor in a live pair: whose yes/no
 * consent flag she is shown. Anyone else's she is not.
 */
export function observeOwnMenteeIds(
  ctx: DataContext,
  mentorIds: readonly string[],
): Observable<string[]> {
  return liveQuery(async () => {
    if (mentorIds.length === 0) return [];
    const seats = (
      await ctx.db.pair_members
        .where('participant_id')
        .anyOf([...mentorIds])
        .toArray()
    ).filter((m) => !m.deleted_at && m.side === 'mentor');
    const pairIds = [...new Set(seats.map((m) => m.pair_id))];
    const pairs = (await ctx.db.pairs.bulkGet(pairIds)).filter(
      (p): p is Pair => !!p && !p.deleted_at,
    );
    const members = await ctx.db.pair_members
      .where('pair_id')
      .anyOf(pairs.map((p) => p.id))
      .toArray();
    return [
      ...new Set(
        members.filter((m) => !m.deleted_at && m.side === 'mentee').map((m) => m.participant_id),
      ),
    ];
  });
}
