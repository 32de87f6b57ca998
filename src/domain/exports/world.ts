// The people and pairs the sheets share (live rows, names, each pair's sides and its rank in
// name order), and which meetings a sheet lists.
import type { Pair } from '../types';
import { alive, byName } from './cells';
import type { ExportFacts } from './types';

/** The people and pairs the sheets share: live rows, names and each pair's sides. */
export function world(facts: ExportFacts) {
  const people = new Map(alive(facts.participants).map((p) => [p.id, p]));
  const pairs = new Map(alive(facts.pairs).map((p) => [p.id, p]));
  const sides = new Map<string, { mentors: string[]; mentees: string[] }>();
  const members = alive(facts.members).filter((m) => pairs.has(m.pair_id));
  for (const m of members) {
    let side = sides.get(m.pair_id);
    if (!side) sides.set(m.pair_id, (side = { mentors: [], mentees: [] }));
    const name = people.get(m.participant_id)?.full_name ?? m.full_name;
    if (name) (m.side === 'mentor' ? side.mentors : side.mentees).push(name);
  }
  for (const side of sides.values()) {
    side.mentors.sort(byName);
    side.mentees.sort(byName);
  }
  const sidesOf = (pairId: string) => sides.get(pairId) ?? { mentors: [], mentees: [] };
  /** «Петров Сергей Иванович — Смирнова Анна»: how a pair is named in every sheet. */
  const names = new Map<string, string>();
  for (const pair of pairs.values()) {
    const { mentors, mentees } = sidesOf(pair.id);
    const named = `${mentors.join(', ')} — ${mentees.join(', ')}`;
    names.set(pair.id, pair.title ? `${pair.title} (${named})` : named);
  }
  const pairName = (pairId: string | null) => (pairId ? (names.get(pairId) ?? '') : '');
  /** The pairs in name order (then oldest first): rows of many pairs sort by this rank. */
  const ordered = [...pairs.values()].sort(
    (a, b) => byName(pairName(a.id), pairName(b.id)) || a.created_at.localeCompare(b.created_at),
  );
  const rank = new Map(ordered.map((p, i) => [p.id, i]));
  const pairRank = (pairId: string) => rank.get(pairId) ?? ordered.length;
  return { people, pairs, members, ordered, sidesOf, pairName, pairRank };
}

/** The meetings a sheet lists: live ones of live pairs. */
export const listedMeetings = (facts: ExportFacts, pairs: ReadonlyMap<string, Pair>) =>
  alive(facts.meetings).filter((m) => pairs.has(m.pair_id));
