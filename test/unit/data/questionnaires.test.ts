import { afterEach, describe, expect, it } from 'vitest';
import type { AppDatabase } from '@/data/db';
import {
  observeAllPairQuestionnaires,
  observePairQuestionnaires,
  type PairQuestionnaireData,
} from '@/data/questionnaireQueries';
import {
  allTemplates,
  saveQuestionnaireDraft,
  submitQuestionnaire,
} from '@/data/repos/questionnaires';
import { logMeeting } from '@/data/repos/meetings';
import { approvePair } from '@/data/repos/pairs';
import { BUILTIN_QUESTIONNAIRES } from '@/domain/questionnaireDefaults';
import { isExitQuestionnaireMissing, pairQuestionnaires } from '@/domain/questionnaires';
import { ValidationError } from '@/domain/validation';
import { aPairWithPeople, freshContext } from './context';

const dbs: AppDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});
async function ctx() {
  const c = await freshContext();
  dbs.push(c.db);
  return c;
}

/** The built-in entry questionnaire of a student mentee (q1–q6 scales, q7 open). */
const STUDENT_ENTRY = 'b1000000-0000-4000-8000-000000000004';
const complete = { q1: 5, q2: 3, q3: 6, q4: 2, q5: 4, q6: 3, q7: 'Подтянуть алгебру' };

async function aMenteeEntry() {
  const c = await ctx();
  const { pair, mentee } = await aPairWithPeople(c);
  await c.db.outbox.clear();
  const input = { pairId: pair.id, participantId: mentee.id, templateId: STUDENT_ENTRY };
  return { c, pair, mentee, input };
}

describe('templates on the device', () => {
  it('has the nine built-ins with no server at all (device-only mode)', async () => {
    const c = await ctx();
    const templates = await allTemplates(c);
    expect(templates.map((t) => t.id).sort()).toEqual(
      BUILTIN_QUESTIONNAIRES.map((t) => t.id).sort(),
    );
    expect(templates.every((t) => t.school_id === null && t.deleted_at === null)).toBe(true);
  });

  it('lets a pulled row of the same id win, so an archive from the server shows', async () => {
    const c = await ctx();
    const [builtin] = await allTemplates(c);
    await c.db
      .table('questionnaire_templates')
      .put({ ...builtin!, version: 12, deleted_at: '2026-11-01T00:00:00.000Z' });
    const again = (await allTemplates(c)).find((t) => t.id === builtin!.id);
    expect(again).toMatchObject({ version: 12, deleted_at: '2026-11-01T00:00:00.000Z' });
    expect(await allTemplates(c)).toHaveLength(BUILTIN_QUESTIONNAIRES.length);
  });
});

describe('a questionnaire response', () => {
  it('inserts the draft once, then patches its answers, each with an outbox entry', async () => {
    const { c, input } = await aMenteeEntry();
    const first = await saveQuestionnaireDraft(c, { ...input, answers: { q1: 5 } });
    await saveQuestionnaireDraft(c, { ...input, answers: { q1: 5, q7: '  Подтянуть алгебру ' } });

    const rows = await c.db.table('questionnaire_responses').toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: first.id,
      school_id: c.schoolId,
      answers: { q1: 5, q7: 'Подтянуть алгебру' },
      submitted_at: null,
    });
    const outbox = await c.db.outbox.orderBy('seq').toArray();
    expect(outbox.map((e) => [e.table, e.op, e.row_id])).toEqual([
      ['questionnaire_responses', 'insert', first.id],
      ['questionnaire_responses', 'patch', first.id],
    ]);
    expect(outbox[1]).toMatchObject({
      fields: { answers: { q1: 5, q7: 'Подтянуть алгебру' } },
      base: { answers: { q1: 5 } },
    });
  });

  it('refuses an answer the server would refuse and writes nothing', async () => {
    const { c, input } = await aMenteeEntry();
    const attempt = saveQuestionnaireDraft(c, { ...input, answers: { q1: 11 } });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      errors: [{ field: 'q1', key: 'outOfRange', params: { min: 1, max: 10 } }],
    });
    expect(await c.db.table('questionnaire_responses').count()).toBe(0);
    expect(await c.db.outbox.count()).toBe(0);
  });

  it('does not submit with a scale unanswered, and the draft stays as it was', async () => {
    const { c, input } = await aMenteeEntry();
    await saveQuestionnaireDraft(c, { ...input, answers: { q1: 5, q7: 'Текст' } });
    await expect(
      submitQuestionnaire(c, { ...input, answers: { q1: 5, q7: 'Текст' } }),
    ).rejects.toMatchObject({
      errors: ['q2', 'q3', 'q4', 'q5', 'q6'].map((field) => ({ field, key: 'required' })),
    });
    const [row] = await c.db.table('questionnaire_responses').toArray();
    expect(row).toMatchObject({ answers: { q1: 5, q7: 'Текст' }, submitted_at: null });
  });

  it('submits (insert with submitted_at when there was no draft), then is read-only', async () => {
    const { c, input } = await aMenteeEntry();
    const submitted = await submitQuestionnaire(c, { ...input, answers: complete });
    expect(submitted.submitted_at).not.toBeNull();
    expect(submitted.answers).toEqual(complete);

    await expect(
      saveQuestionnaireDraft(c, { ...input, answers: { ...complete, q1: 9 } }),
    ).rejects.toMatchObject({ errors: [{ field: 'response', key: 'alreadySubmitted' }] });
    await expect(submitQuestionnaire(c, { ...input, answers: complete })).rejects.toMatchObject({
      errors: [{ field: 'response', key: 'alreadySubmitted' }],
    });
    const rows = await c.db.table('questionnaire_responses').toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ answers: complete });
    expect(await c.db.outbox.count()).toBe(1);
  });

  it('submits a draft by patching its answers and submitted_at together', async () => {
    const { c, input } = await aMenteeEntry();
    const draft = await saveQuestionnaireDraft(c, { ...input, answers: { q1: 5 } });
    await submitQuestionnaire(c, { ...input, answers: complete });
    const patch = (await c.db.outbox.orderBy('seq').toArray()).at(-1);
    expect(patch).toMatchObject({ op: 'patch', row_id: draft.id, base: { submitted_at: null } });
    expect(Object.keys(patch!.fields).sort()).toEqual(['answers', 'submitted_at']);
  });
});

function first<T>(observable: {
  subscribe(o: { next: (v: T) => void; error: (e: unknown) => void }): { unsubscribe(): void };
}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const sub = observable.subscribe({
      next: (value) => {
        queueMicrotask(() => sub.unsubscribe());
        resolve(value);
      },
      error: reject,
    });
  });
}

describe('observePairQuestionnaires', () => {
  it('gives the pair’s members (mentors first), templates and live responses', async () => {
    const { c, pair, mentee, input } = await aMenteeEntry();
    await saveQuestionnaireDraft(c, { ...input, answers: { q1: 5 } });
    const data = await new Promise<PairQuestionnaireData | null>((resolve, reject) => {
      const sub = observePairQuestionnaires(c, pair.id).subscribe({
        next: (value) => {
          sub.unsubscribe();
          resolve(value);
        },
        error: reject,
      });
    });
    expect(data?.members.map((m) => m.side)).toEqual(['mentor', 'mentee']);
    expect(data?.templates).toHaveLength(BUILTIN_QUESTIONNAIRES.length);
    expect(data?.responses.map((r) => [r.participant_id, r.answers])).toEqual([
      [mentee.id, { q1: 5 }],
    ]);
    expect(data?.programmeEndsOn).toBeNull();
  });
});

describe('observeAllPairQuestionnaires', () => {
  it('lets the home screen see which pair owes its exit questionnaire', async () => {
    const c = await ctx();
    const { pair } = await aPairWithPeople(c);
    const quiet = await aPairWithPeople(c);
    const today = '2026-11-25';
    await approvePair(c, pair.id, { order_number: '45-о', order_date: '2026-09-15' }, today);
    await logMeeting(
      c,
      pair.id,
      { type: 'final', held_on: '2026-11-20', duration_min: 45, format: 'in_person' },
      today,
    );
    const all = await first(observeAllPairQuestionnaires(c));
    const missing = all
      .filter((facts) => isExitQuestionnaireMissing(pairQuestionnaires(facts, today)))
      .map((facts) => facts.pair.id);
    expect(missing).toEqual([pair.id]);
    expect(all.map((f) => f.pair.id)).toContain(quiet.pair.id);
  });
});
