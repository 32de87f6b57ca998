// Owns the reactive reads of questionnaires: a pair's members with their responses and the
// templates the device knows (built-ins merged with pulled ones), and the facts that say
// whether the programme is ending.
import { liveQuery } from 'dexie';
import type { QuestionnaireResponse, QuestionnaireTemplate } from '@/domain/questionnaires';
import type { IsoDate, Meeting, Pair, Participant } from '@/domain/types';
import type { DataContext } from './context';
import type { Observable } from './queries';
import { allTemplates, responsesTable } from './repos/questionnaires';
import { byRussianName } from '@/domain/collation';

export interface PairQuestionnaireData {
  pair: Pair;
  members: { participant: Participant; side: 'mentor' | 'mentee' }[];
  meetings: Meeting[];
  programmeEndsOn: IsoDate | null;
  templates: QuestionnaireTemplate[];
  /** The pair's live responses (the ones this device may read). */
  responses: QuestionnaireResponse[];
}

const alive = <T extends { deleted_at: string | null }>(rows: T[]) =>
  rows.filter((r) => r.deleted_at === null);

async function pairData(
  ctx: DataContext,
  pair: Pair,
  templates: QuestionnaireTemplate[],
): Promise<PairQuestionnaireData> {
  const pairId = pair.id;
  const links = alive(await ctx.db.pair_members.where('pair_id').equals(pairId).toArray());
  const people = await ctx.db.participants.bulkGet(links.map((m) => m.participant_id));
  const members = links
    .map((m, i) => ({ participant: people[i], side: m.side }))
    .filter(
      (m): m is { participant: Participant; side: 'mentor' | 'mentee' } =>
        !!m.participant && m.participant.deleted_at === null,
    )
    // Mentors first, then by name: the same order on every device.
    .sort(
      (a, b) =>
        (a.side === b.side ? 0 : a.side === 'mentor' ? -1 : 1) ||
        byRussianName(a.participant.full_name, b.participant.full_name),
    );
  const meetings = alive(
    await ctx.db.meetings
      .where('[pair_id+held_on]')
      .between([pairId, ''], [pairId, '\uffff'])
      .toArray(),
  );
  const programme = pair.programme_id
    ? await ctx.db.table('programmes').get(pair.programme_id)
    : undefined;
  const programmeEndsOn =
    programme && !programme.deleted_at && typeof programme.ends_on === 'string'
      ? programme.ends_on
      : null;
  const responses = alive(await responsesTable(ctx).where('pair_id').equals(pairId).toArray());
  return { pair, members, meetings, programmeEndsOn, templates, responses };
}

export function observePairQuestionnaires(
  ctx: DataContext,
  pairId: string,
): Observable<PairQuestionnaireData | null> {
  return liveQuery(async () => {
    const pair = await ctx.db.pairs.get(pairId);
    if (!pair || pair.deleted_at) return null;
    return pairData(ctx, pair, await allTemplates(ctx));
  });
}

/** Every pair's questionnaire data (for reminders on the home screen and the pair list). */
export function observeAllPairQuestionnaires(
  ctx: DataContext,
): Observable<PairQuestionnaireData[]> {
  return liveQuery(async () => {
    const pairs = alive(await ctx.db.pairs.toArray());
    const templates = await allTemplates(ctx);
    return Promise.all(pairs.map((pair) => pairData(ctx, pair, templates)));
  });
}
