// Owns the analytical report's meeting tallies of a programme year (by pair and type),
// counted mostly on the meetings' indexes rather than read row by row.
import { tallyMeetings, type DocumentYear, type MeetingTally } from '@/domain/documents';
import { MEETING_TYPES } from '@/domain/types';
import type { DataContext } from '../context';

const RARE_MEETING_TYPES = MEETING_TYPES.filter((type) => type !== 'regular');

/**
 * The year's meetings by type without reading 50,000 rows (bench/report.mjs): the rare types
 * (organisational, trial, planning, final) are read whole from their [type+held_on] index and
 * tallied pair by pair; the regular ones are counted on that index for the whole device, less
 * the counts of the pairs that are not the year's (other schools, drafts, deleted, other
 * years), each asked on [pair_id+type+held_on]. A pair of the year with no rare meeting is
 * asked too, so that «pairs without meetings» is exact. A regular meeting deleted on another
 * device arrives as the server's tombstone, which keeps its type and date and so is in those
 * indexes: the tombstones (the deleted_at index holds nothing else) are subtracted.
 */
export async function readMeetingTallies(
  ctx: DataContext,
  yearPairIds: readonly string[],
  year: DocumentYear,
): Promise<MeetingTally[]> {
  const meetings = ctx.db.meetings;
  const regularOf = (pairId: string) =>
    meetings
      .where('[pair_id+type+held_on]')
      .between([pairId, 'regular', year.from], [pairId, 'regular', year.to], true, true)
      .count();
  const ofYear = new Set(yearPairIds);
  const [rare, regularAll, allPairIds, tombstones] = await Promise.all([
    Promise.all(
      RARE_MEETING_TYPES.map((type) =>
        meetings
          .where('[type+held_on]')
          .between([type, year.from], [type, year.to], true, true)
          .toArray(),
      ),
    ),
    meetings
      .where('[type+held_on]')
      .between(['regular', year.from], ['regular', year.to], true, true)
      .count(),
    ctx.db.pairs.toCollection().primaryKeys(),
    meetings.where('deleted_at').above('').toArray(),
  ]);
  // The year's pairs' regular tombstones within the year, counted by the indexes above (the
  // other pairs' are already left out with their whole counts).
  const deletedOf = new Map<string | null, number>();
  for (const m of tombstones) {
    if (m.type !== 'regular' || typeof m.held_on !== 'string') continue;
    if (m.held_on < year.from || m.held_on > year.to || !ofYear.has(m.pair_id)) continue;
    deletedOf.set(m.pair_id, (deletedOf.get(m.pair_id) ?? 0) + 1);
  }
  const tallies = tallyMeetings(rare.flat(), year).filter(
    (t) => t.pair_id !== null && ofYear.has(t.pair_id),
  );
  const metRarely = new Set(tallies.map((t) => t.pair_id));
  const silent = yearPairIds.filter((id) => !metRarely.has(id));
  const others = allPairIds.filter((id) => !ofYear.has(id));
  const [silentCounts, otherCounts] = await Promise.all([
    Promise.all(silent.map(regularOf)),
    Promise.all(others.map(regularOf)),
  ]);
  const perSilent = silent.map((pairId, i): MeetingTally => ({
    pair_id: pairId,
    type: 'regular',
    count: silentCounts[i]! - (deletedOf.get(pairId) ?? 0),
  }));
  const silentSet = new Set(silent);
  let deletedElsewhere = 0;
  for (const [pairId, n] of deletedOf) if (!silentSet.has(pairId as string)) deletedElsewhere += n;
  const rest =
    regularAll -
    otherCounts.reduce((a, b) => a + b, 0) -
    silentCounts.reduce((a, b) => a + b, 0) -
    deletedElsewhere;
  return [...tallies, ...perSilent, { pair_id: null, type: 'regular', count: Math.max(0, rest) }];
}
