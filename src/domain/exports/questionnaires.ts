// The questionnaire results sheet: one row per answered question of each person's latest
// submitted pair questionnaire, choices shown in the locale's words.
import { localIsoDate } from '../dates';
import { sideOf } from '../monitoring';
import { PAIR_QUESTIONNAIRE_KINDS, currentResponse, localizedText } from '../questionnaires';
import { byName, col, date, groupBy, label, num, text } from './cells';
import type { ExportCell, ExportFacts, ExportSheet, Template } from './types';
import { world } from './world';

function answerCell(template: Template, itemId: string, value: unknown, locale: string) {
  const item = template.items.find((i) => i.id === itemId);
  if (typeof value === 'number') return num(value);
  if (typeof value !== 'string') return null;
  if (item?.type === 'choice') {
    const choice = item.choices.find((c) => c.value === value);
    return text(choice ? localizedText(choice.text, locale) : value);
  }
  return text(value);
}

/** The questionnaires of a pair in the order they come: entry, exit, satisfaction. */
const KIND_ORDER: Partial<Record<string, number>> = Object.fromEntries(
  PAIR_QUESTIONNAIRE_KINDS.map((kind, index) => [kind, index]),
);

export function questionnairesSheet(facts: ExportFacts): ExportSheet {
  const w = world(facts);
  const templates = new Map(facts.templates.map((t) => [t.id, t]));
  // Submitted only; one response per person, pair and questionnaire (the latest submitted).
  const submitted = facts.responses.filter((r) => {
    const template = templates.get(r.template_id);
    if (!template || !(template.kind in KIND_ORDER)) return false;
    if (r.deleted_at !== null || r.submitted_at === null) return false;
    if (r.pair_id && !w.pairs.has(r.pair_id)) return false;
    return w.people.has(r.participant_id);
  });
  const groups = groupBy(submitted, (r) => {
    const { kind, audience } = templates.get(r.template_id)!;
    return `${r.pair_id ?? '-'}:${r.participant_id}:${kind}:${audience}`;
  });
  const responses = [...groups.values()]
    .map((list) => currentResponse(list)!)
    .map((r) => ({
      r,
      t: templates.get(r.template_id)!,
      name: w.people.get(r.participant_id)!.full_name,
    }))
    .sort(
      (a, b) =>
        byName(a.name, b.name) ||
        KIND_ORDER[a.t.kind]! - KIND_ORDER[b.t.kind]! ||
        (a.r.submitted_at as string).localeCompare(b.r.submitted_at as string),
    );
  const rows: ExportCell[][] = [];
  for (const { r, t, name } of responses) {
    t.items.forEach((item, index) => {
      if (!(item.id in r.answers)) return;
      rows.push([
        text(name),
        label(`exports.values.${sideOf(t.audience)}`),
        text(w.pairName(r.pair_id)),
        label(`questionnaires.kinds.${t.kind}`),
        // The day she pressed «Отправить», on this device's calendar.
        date(localIsoDate(new Date(r.submitted_at as string))),
        num(index + 1),
        text(localizedText(item.text, facts.locale)),
        answerCell(t, item.id, r.answers[item.id], facts.locale),
      ]);
    });
  }
  const k = 'questionnaires';
  return {
    kind: k,
    columns: [
      col(k, 'person', 34),
      col(k, 'side', 16),
      col(k, 'pair', 44),
      col(k, 'questionnaire', 26),
      col(k, 'submittedOn', 14),
      col(k, 'number', 8),
      col(k, 'question', 60),
      col(k, 'answer', 30),
    ],
    rows,
    notes: ['exports.notes.submittedOnly'],
  };
}
