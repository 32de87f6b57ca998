// One rule, two implementations: which questionnaire answers are valid for a template's
// items. The server checks them in private.check_questionnaire_answers (a trigger on
// questionnaire_responses), the device in validateAnswers (src/domain/questionnaires.ts) so
// that a response the device accepts is never refused there. This test runs the same items
// and answers through both and compares the verdicts: valid, or which rule refused it.
//
// Known, deliberate difference (asserted below, so it stays visible): the device refuses an
// open answer over MAX_OPEN_ANSWER_LENGTH characters (the app's limit); the server only caps
// the whole answers object (questionnaire_responses_answers_length). The device is stricter,
// never the server.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_OPEN_ANSWER_LENGTH,
  validateAnswers,
  type Answers,
  type QuestionnaireItem,
} from '@/domain/questionnaires';
import { createTestDb, type TestDb } from '../support/db';
import { PARTICIPANTS, SCHOOL_A } from '../factories/seed-ids';

let db: TestDb;

beforeAll(async () => {
  db = await createTestDb({ seed: true });
});
afterAll(async () => {
  await db?.close();
});

const text = (ru: string) => ({ ru });
const ITEMS: QuestionnaireItem[] = [
  { id: 'q1', type: 'scale', text: text('Шкала 1–10') },
  { id: 'q2', type: 'scale', text: text('Шкала 3–5'), min: 3, max: 5 },
  {
    id: 'q3',
    type: 'choice',
    text: text('Выбор'),
    choices: [
      { value: 'yes', text: text('Да') },
      { value: '1', text: text('Один') },
    ],
  },
  { id: 'q4', type: 'open', text: text('Открытый') },
];

/** The server's constraint name for each device error key. */
const SERVER_RULE: Record<string, string> = {
  unknownItem: 'questionnaire_answer_unknown_item',
  outOfRange: 'questionnaire_answer_out_of_range',
  invalidChoice: 'questionnaire_answer_invalid_choice',
  notText: 'questionnaire_answer_not_text',
};

// Answers as JSON text, so both sides read the very same document.
const CASES: [name: string, answers: string][] = [
  ['nothing answered', '{}'],
  ['every item answered', '{"q1": 7, "q2": 4, "q3": "yes", "q4": "Хорошо"}'],
  ['explicit nulls', '{"q1": null, "q2": null, "q3": null, "q4": null}'],
  ['scale bounds', '{"q1": 1, "q2": 5}'],
  ['scale written as 7.0', '{"q1": 7.0}'],
  ['scale below the range', '{"q1": 0}'],
  ['scale above the range', '{"q1": 11}'],
  ['narrowed scale outside', '{"q2": 6}'],
  ['narrowed scale below', '{"q2": 2}'],
  ['scale not an integer', '{"q1": 7.5}'],
  ['scale as text', '{"q1": "7"}'],
  ['scale as boolean', '{"q1": true}'],
  ['scale as array', '{"q1": [7]}'],
  ['choice value', '{"q3": "1"}'],
  ['choice not offered', '{"q3": "no"}'],
  ['choice as number', '{"q3": 1}'],
  ['choice blank', '{"q3": " "}'],
  ['open text empty', '{"q4": ""}'],
  ['open as number', '{"q4": 5}'],
  ['open as object', '{"q4": {"a": 1}}'],
  ['open as boolean', '{"q4": false}'],
  ['unknown item', '{"q9": 1}'],
  ['unknown item set to null', '{"q9": null}'],
  ['valid and invalid together', '{"q1": 8, "q3": "maybe"}'],
];

async function withTemplate<T>(items: unknown, fn: (templateId: string) => Promise<T>): Promise<T> {
  await db.query('begin');
  try {
    const templateId = randomUUID();
    await db.query(
      `insert into public.questionnaire_templates (id, school_id, kind, audience, revision, title, items)
       values ($1, $2, 'entry', 'mentor', 900, 'Правило', $3::jsonb)`,
      [templateId, SCHOOL_A, JSON.stringify(items)],
    );
    return await fn(templateId);
  } finally {
    await db.query('rollback');
  }
}

/** The server's verdict on answers: 'valid' or the constraint that refused them. */
async function serverVerdict(templateId: string, answers: string): Promise<string> {
  await db.query('savepoint answer');
  try {
    await db.query(
      `insert into public.questionnaire_responses (id, school_id, template_id, participant_id, answers)
       values ($1, $2, $3, $4, $5::jsonb)`,
      [randomUUID(), SCHOOL_A, templateId, PARTICIPANTS.kravtsova, answers],
    );
    return 'valid';
  } catch (error) {
    const e = error as { code?: string; constraint?: string; message: string };
    expect(e.code).toBe('23514');
    return e.constraint ?? e.message;
  } finally {
    await db.query('rollback to savepoint answer');
  }
}

/** The device's verdicts: 'valid', or the server rules its errors correspond to. */
function deviceVerdicts(answers: string): string[] {
  const errors = validateAnswers(ITEMS, JSON.parse(answers) as Answers, { complete: false });
  if (errors.length === 0) return ['valid'];
  return errors.map((e) => SERVER_RULE[e.key] ?? `device-only:${e.key}`);
}

describe('questionnaire answers: check_questionnaire_answers (SQL) = validateAnswers (TypeScript)', () => {
  it('the items of the cases are a valid template on the server', async () => {
    const { rows } = await db.query<{ ok: boolean }>(
      'select private.questionnaire_items_valid($1::jsonb) as ok',
      [JSON.stringify(ITEMS)],
    );
    expect(rows[0]!.ok).toBe(true);
  });

  it('gives the same verdict on every case', async () => {
    const verdicts = await withTemplate(ITEMS, async (templateId) => {
      const out: { name: string; server: string; device: string[] }[] = [];
      for (const [name, answers] of CASES) {
        out.push({
          name,
          server: await serverVerdict(templateId, answers),
          device: deviceVerdicts(answers),
        });
      }
      return out;
    });
    // Both sides refuse something in these cases (the test is not trivially "all valid").
    expect(verdicts.filter((v) => v.server === 'valid').length).toBeGreaterThan(3);
    expect(verdicts.filter((v) => v.server !== 'valid').length).toBeGreaterThan(10);
    for (const v of verdicts) {
      // The server stops at the first refused answer; the device lists every one of them.
      expect(v.device, `${v.name}: server ${v.server}`).toContain(v.server);
    }
  });

  it('differs only where the device is stricter: an open answer over the app limit', async () => {
    const long = JSON.stringify({ q4: 'я'.repeat(MAX_OPEN_ANSWER_LENGTH + 1) });
    const server = await withTemplate(ITEMS, (templateId) => serverVerdict(templateId, long));
    expect(server).toBe('valid');
    expect(deviceVerdicts(long)).toEqual(['device-only:tooLong']);
  });
});
