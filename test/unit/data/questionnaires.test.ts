import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppDatabase } from '@/data/db';
import { observeQuestionnaireDrafts } from '@/data/drafts';
import {
  observeAllPairQuestionnaires,
  observePairQuestionnaires,
  type PairQuestionnaireData,
} from '@/data/questionnaireQueries';
import {
  allTemplates,
  loadQuestionnaireDraft,
  saveQuestionnaireDraft,
  submitQuestionnaire,
} from '@/data/repos/questionnaires';
import { logMeeting } from '@/data/repos/meetings';
import { approvePair } from '@/data/repos/pairs';
import { BUILTIN_QUESTIONNAIRES } from '@/domain/questionnaireDefaults';
import {
  isExitQuestionnaireMissing,
  pairQuestionnaires,
  type QuestionnaireResponse,
} from '@/domain/questionnaires';
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

const outboxOf = (c: Awaited<ReturnType<typeof ctx>>) => c.db.outbox.orderBy('seq').toArray();
const responsesOf = (c: Awaited<ReturnType<typeof ctx>>) =>
  c.db.table<QuestionnaireResponse, string>('questionnaire_responses').toArray();

describe('a questionnaire response', () => {
  it('keeps the answers on the device until submit: nothing queued, then exactly one insert', async () => {
    const { c, input } = await aMenteeEntry();
    const soFar: Record<string, number | string> = {};
    for (const [item, value] of Object.entries(complete)) {
      soFar[item] = value;
      await saveQuestionnaireDraft(c, { ...input, answers: { ...soFar } });
      expect(await c.db.outbox.count()).toBe(0);
    }
    expect(await responsesOf(c)).toEqual([]);
    expect(await loadQuestionnaireDraft(c, input)).toMatchObject({ answers: complete });
    expect(await c.db.drafts.count()).toBe(1);

    const submitted = await submitQuestionnaire(c, { ...input, answers: complete });
    const outbox = await outboxOf(c);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      table: 'questionnaire_responses',
      op: 'insert',
      row_id: submitted.id,
      fields: { answers: complete, submitted_at: expect.any(String) },
    });
    expect(await responsesOf(c)).toMatchObject([
      { id: submitted.id, school_id: c.schoolId, answers: complete },
    ]);
    // The draft went with the submit, in the same transaction.
    expect(await loadQuestionnaireDraft(c, input)).toBeNull();
    expect(await c.db.drafts.count()).toBe(0);
  });

  it('keys the draft by pair, person and template', async () => {
    const { c, input } = await aMenteeEntry();
    await saveQuestionnaireDraft(c, { ...input, answers: { q1: 5 } });
    expect((await c.db.drafts.toArray()).map((d) => d.key)).toEqual([
      `questionnaire:${input.pairId}:${input.participantId}:${input.templateId}`,
    ]);
    expect(await loadQuestionnaireDraft(c, { ...input, participantId: 'someone-else' })).toBeNull();
  });

  it('keeps an answer the server would refuse as typed, and refuses to submit it', async () => {
    const { c, input } = await aMenteeEntry();
    await saveQuestionnaireDraft(c, { ...input, answers: { ...complete, q1: 11 } });
    const attempt = submitQuestionnaire(c, { ...input, answers: { ...complete, q1: 11 } });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      errors: [{ field: 'q1', key: 'outOfRange', params: { min: 1, max: 10 } }],
    });
    expect(await responsesOf(c)).toEqual([]);
    expect(await c.db.outbox.count()).toBe(0);
    expect(await loadQuestionnaireDraft(c, input)).toMatchObject({
      answers: { ...complete, q1: 11 },
    });
  });

  it('does not submit with a scale unanswered, and the draft stays as it was', async () => {
    const { c, input } = await aMenteeEntry();
    await saveQuestionnaireDraft(c, { ...input, answers: { q1: 5, q7: 'Текст' } });
    await expect(
      submitQuestionnaire(c, { ...input, answers: { q1: 5, q7: 'Текст' } }),
    ).rejects.toMatchObject({
      errors: ['q2', 'q3', 'q4', 'q5', 'q6'].map((field) => ({ field, key: 'required' })),
    });
    expect(await responsesOf(c)).toEqual([]);
    expect(await loadQuestionnaireDraft(c, input)).toMatchObject({
      answers: { q1: 5, q7: 'Текст' },
    });
  });

  it('submits with the text trimmed, then is read-only', async () => {
    const { c, input } = await aMenteeEntry();
    const submitted = await submitQuestionnaire(c, {
      ...input,
      answers: { ...complete, q7: '  Подтянуть алгебру ' },
    });
    expect(submitted.submitted_at).not.toBeNull();
    expect(submitted.answers).toEqual(complete);

    await expect(submitQuestionnaire(c, { ...input, answers: complete })).rejects.toMatchObject({
      errors: [{ field: 'response', key: 'alreadySubmitted' }],
    });
    const rows = await responsesOf(c);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ answers: complete });
    expect(await c.db.outbox.count()).toBe(1);
  });

  it('submits an unsubmitted row an older app version left on the server with one patch', async () => {
    const { c, input } = await aMenteeEntry();
    const legacy: QuestionnaireResponse = {
      id: crypto.randomUUID(),
      school_id: c.schoolId,
      template_id: input.templateId,
      pair_id: input.pairId,
      participant_id: input.participantId,
      answers: { q1: 5 },
      submitted_at: null,
      version: 3,
      deleted_at: null,
      created_at: '2026-11-01T10:00:00.000Z',
      updated_at: '2026-11-01T10:00:00.000Z',
      created_by: null,
    };
    await c.db.table('questionnaire_responses').put(legacy); // pulled, nothing queued
    await saveQuestionnaireDraft(c, { ...input, answers: { ...complete, q2: 7 } });
    expect(await c.db.outbox.count()).toBe(0);

    await submitQuestionnaire(c, { ...input, answers: complete });
    const outbox = await outboxOf(c);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      op: 'patch',
      row_id: legacy.id,
      base: { submitted_at: null, answers: { q1: 5 } },
    });
    expect(Object.keys(outbox[0]!.fields).sort()).toEqual(['answers', 'submitted_at']);
    expect(await responsesOf(c)).toMatchObject([
      { id: legacy.id, answers: complete, submitted_at: expect.any(String) },
    ]);
    expect(await c.db.drafts.count()).toBe(0);
  });

  it('keeps the draft when the submit fails midway (row, outbox entry and draft: all or none)', async () => {
    const { c, input } = await aMenteeEntry();
    await saveQuestionnaireDraft(c, { ...input, answers: complete });
    // The last step (removing the draft) fails: the row and its outbox entry go back too.
    const remove = vi
      .spyOn(c.db.drafts, 'delete')
      .mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(submitQuestionnaire(c, { ...input, answers: complete })).rejects.toThrow(
      'QuotaExceededError',
    );
    remove.mockRestore();
    expect(await responsesOf(c)).toEqual([]);
    expect(await c.db.outbox.count()).toBe(0);
    expect(await loadQuestionnaireDraft(c, input)).toMatchObject({ answers: complete });
  });
});

describe('a questionnaire’s status', () => {
  it('is a draft while the device keeps answers for it, submitted after submit', async () => {
    const { c, pair, mentee, input } = await aMenteeEntry();
    const today = '2026-11-25';
    const status = async () => {
      const [data, drafts] = await Promise.all([
        first(observePairQuestionnaires(c, pair.id)),
        first(observeQuestionnaireDrafts(c, pair.id)),
      ]);
      return pairQuestionnaires({ ...data!, drafts }, today).find(
        (s) => s.participantId === mentee.id && s.kind === 'entry',
      )?.status;
    };
    expect(await status()).toBe('not_started');
    await saveQuestionnaireDraft(c, { ...input, answers: { q1: 5 } });
    expect(await status()).toBe('draft');
    await submitQuestionnaire(c, { ...input, answers: complete });
    expect(await status()).toBe('submitted');
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
    await submitQuestionnaire(c, { ...input, answers: complete });
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
      [mentee.id, complete],
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
