// The sheets of people: the bases of mentors and mentees (with whether their consent holds and
// until when) and the municipal «информационная карта наставника» (seed 004).
import { hasValidConsent, isConsentValidOn } from '../consent';
import { MENTORING_FORMS, type Consent, type IsoDate, type Participant } from '../types';
import { alive, byName, col, date, groupBy, label, num, text, yesNo } from './cells';
import type { ExportCell, ExportFacts, ExportSheet } from './types';
import { world } from './world';

/** The last day a valid consent covers the person (null: none; 'infinity': no end date). */
function consentUntil(
  person: Participant,
  consents: readonly Consent[],
  today: IsoDate,
): IsoDate | 'infinity' | null {
  const valid = consents.filter((c) => isConsentValidOn(c, person, today));
  if (valid.length === 0) return null;
  if (valid.some((c) => c.valid_until === null)) return 'infinity';
  return valid
    .map((c) => c.valid_until as IsoDate)
    .sort()
    .at(-1)!;
}

export function baseOf(kind: 'mentors' | 'mentees', facts: ExportFacts): ExportSheet {
  const isMentors = kind === 'mentors';
  const people = alive(facts.participants)
    .filter((p) => (isMentors ? p.is_mentor : p.is_mentee))
    .sort((a, b) => byName(a.full_name, b.full_name));
  const columns = [
    col(kind, 'fullName', 34),
    col(kind, 'kind', 20),
    col(kind, 'classLabel', 8),
    ...(isMentors ? [col(kind, 'workplace', 28)] : []),
    col(kind, 'position', 22),
    col(kind, 'subject', 22),
    ...(isMentors ? [col(kind, 'phone', 18), col(kind, 'email', 26)] : [col(kind, 'minor', 14)]),
    col(kind, 'consent', 12),
    col(kind, 'consentUntil', 16),
    col(kind, 'archivedOn', 16),
  ];
  const consentsOf = groupBy(facts.consents, (c) => c.participant_id);
  const rows = people.map((p) => {
    const consents = consentsOf.get(p.id) ?? [];
    const until = consentUntil(p, consents, facts.today);
    return [
      text(p.full_name),
      label(`people.kinds.${p.kind}`),
      text(p.class_label),
      ...(isMentors ? [text(p.workplace)] : []),
      text(p.position),
      text(p.subject),
      ...(isMentors ? [text(p.phone), text(p.email)] : [yesNo(p.is_minor)]),
      yesNo(hasValidConsent(p, consents, facts.today)),
      until === 'infinity' ? label('exports.values.noEndDate') : date(until),
      date(p.archived_on),
    ];
  });
  const notes = isMentors
    ? ['exports.notes.consent']
    : ['exports.notes.sensitive', 'exports.notes.consent'];
  return { kind, columns, rows, notes };
}

/**
 * The municipal registry card (seed 004, «Информационная карта наставника»): one row per
 * mentor taking part, in the seed's column order. What the app does not keep (qualification
 * category, technologies, methodical support, readiness for network work, social links) is
 * left blank for the curator to fill in.
 */
export function mentorCardSheet(facts: ExportFacts): ExportSheet {
  const w = world(facts);
  const mentors = [...w.people.values()]
    .filter((p) => p.is_mentor && !p.archived_on)
    .sort((a, b) => byName(a.full_name, b.full_name));
  const formsOf = new Map<string, Set<string>>();
  for (const m of w.members) {
    const pair = w.pairs.get(m.pair_id);
    if (m.side !== 'mentor' || !pair || pair.status === 'draft') continue;
    const set = formsOf.get(m.participant_id) ?? new Set<string>();
    formsOf.set(m.participant_id, set.add(pair.form));
  }
  const k = 'mentorCard';
  return {
    kind: k,
    columns: [
      col(k, 'number', 6),
      col(k, 'fullName', 34),
      col(k, 'workplace', 30),
      col(k, 'position', 22),
      col(k, 'subject', 26),
      col(k, 'forms', 30),
      col(k, 'category', 20),
      col(k, 'technologies', 28),
      col(k, 'support', 36),
      col(k, 'network', 24),
      col(k, 'social', 26),
      col(k, 'phone', 18),
      col(k, 'email', 26),
    ],
    rows: mentors.map((p, index) => {
      const forms = MENTORING_FORMS.filter((f) => formsOf.get(p.id)?.has(f));
      const workplace = p.workplace ?? (p.kind === 'teacher' ? facts.schoolName : null);
      return [
        num(index + 1),
        text(p.full_name),
        text(workplace),
        text(p.position),
        text(p.subject),
        forms.length > 0 ? { type: 'labels', keys: forms.map((f) => `forms.${f}`) } : null,
        null,
        null,
        null,
        null,
        null,
        text(p.phone),
        text(p.email),
      ] satisfies ExportCell[];
    }),
    notes: ['exports.notes.cardBlank', 'exports.notes.cardSupport', 'exports.notes.cardConsent'],
  };
}
