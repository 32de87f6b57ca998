// Write commands for questionnaire responses. What a person answers stays on her device (a
// draft, data/drafts.ts) until she submits; submitting validates the whole response and writes
// ONE row with submitted_at (an insert, or a patch of an unsubmitted row an older app version
// left on the server) in one transaction with its outbox entry and the draft's removal, so no
// half-filled answers are ever sent. The templates are the built-ins of
// domain/questionnaireDefaults.ts merged with the ones pulled from the server, so device-only
// mode has them too.
// Invariant: a submitted response is final; no command here changes it again.
import { BUILTIN_QUESTIONNAIRES } from '@/domain/questionnaireDefaults';
import {
  cleanAnswers,
  currentResponse,
  validateAnswers,
  type Answers,
  type QuestionnaireResponse,
  type QuestionnaireTemplate,
} from '@/domain/questionnaires';
import type { SyncedTable } from '@/domain/types';
import { assertValid, ValidationError } from '@/domain/validation';
import type { DataContext } from '../context';
import { draftKeys, readDraft, saveDraft, type DraftKey } from '../drafts';
import { nowIso } from '../ids';
import { insertRow, patchRow, RowMissingError, writeTransaction } from '../outbox';
import { newSyncedRow } from './rows';

export const QUESTIONNAIRE_RESPONSES: SyncedTable = 'questionnaire_responses';

const BUILTIN_CREATED_AT = '2026-11-25T00:00:00.000Z';

/** The built-ins as rows, like the server's (version 0: not yet pulled). */
const BUILTIN_ROWS: readonly QuestionnaireTemplate[] = BUILTIN_QUESTIONNAIRES.map((t) => ({
  ...t,
  school_id: null,
  based_on: null,
  version: 0,
  deleted_at: null,
  created_at: BUILTIN_CREATED_AT,
  updated_at: BUILTIN_CREATED_AT,
  created_by: null,
}));

export const responsesTable = (ctx: DataContext) =>
  ctx.db.table<QuestionnaireResponse, string>('questionnaire_responses');
const templatesTable = (ctx: DataContext) =>
  ctx.db.table<QuestionnaireTemplate, string>('questionnaire_templates');

/**
 * Every template the device knows, archived ones included (old responses keep theirs): the
 * built-ins, overlaid by pulled rows of the same id (the server's word wins, e.g. an archive).
 */
export async function allTemplates(ctx: DataContext): Promise<QuestionnaireTemplate[]> {
  const byId = new Map(BUILTIN_ROWS.map((t) => [t.id, t]));
  for (const row of await templatesTable(ctx).toArray()) byId.set(row.id, row);
  return [...byId.values()];
}

async function templateOf(ctx: DataContext, id: string): Promise<QuestionnaireTemplate> {
  const template = (await allTemplates(ctx)).find((t) => t.id === id);
  if (!template) throw new RowMissingError('questionnaire_templates', id);
  return template;
}

export interface ResponseInput {
  pairId: string;
  participantId: string;
  templateId: string;
  answers: Answers;
}

/** The member's current response to this template in this pair, if any. */
async function existingResponse(
  ctx: DataContext,
  input: ResponseInput,
): Promise<QuestionnaireResponse | null> {
  const rows = await responsesTable(ctx)
    .where('participant_id')
    .equals(input.participantId)
    .toArray();
  return currentResponse(
    rows.filter((r) => r.pair_id === input.pairId && r.template_id === input.templateId),
  );
}

const alreadySubmitted = () =>
  new ValidationError([{ field: 'response', key: 'alreadySubmitted' }]);

export type QuestionnaireDraftTarget = Omit<ResponseInput, 'answers'>;

export const questionnaireDraftKey = (target: QuestionnaireDraftTarget): DraftKey =>
  draftKeys.questionnaire(target.pairId, target.participantId, target.templateId);

/**
 * Keeps the answers typed so far on this device only (a draft may be partial, even invalid:
 * what was typed is kept, and submitting validates). Nothing is queued for the server.
 */
export async function saveQuestionnaireDraft(
  ctx: DataContext,
  input: ResponseInput,
): Promise<void> {
  await saveDraft(ctx, questionnaireDraftKey(input), { answers: input.answers });
}

/** The answers kept on this device for this questionnaire, with the time they were kept. */
export async function loadQuestionnaireDraft(
  ctx: DataContext,
  target: QuestionnaireDraftTarget,
): Promise<{ answers: Answers; savedAt: string } | null> {
  const draft = await readDraft(ctx, questionnaireDraftKey(target));
  const answers = draft?.value.answers;
  return draft && answers && typeof answers === 'object'
    ? { answers: answers as Answers, savedAt: draft.savedAt }
    : null;
}

/**
 * Submits the response: every scale and choice item answered; final from then on. One row,
 * one outbox entry, and the device's draft removed, all in one transaction.
 */
export async function submitQuestionnaire(
  ctx: DataContext,
  input: ResponseInput,
): Promise<QuestionnaireResponse> {
  const template = await templateOf(ctx, input.templateId);
  const answers = cleanAnswers(input.answers);
  assertValid(validateAnswers(template.items, answers, { complete: true }));
  const submittedAt = nowIso();
  const tables = [ctx.db.drafts, responsesTable(ctx), ctx.db.outbox, ctx.db.meta];
  return ctx.db.transaction('rw', tables, async () => {
    const response = await writeTransaction(ctx.db, [QUESTIONNAIRE_RESPONSES], async () => {
      const existing = await existingResponse(ctx, input);
      if (existing?.submitted_at) throw alreadySubmitted();
      if (existing) {
        await patchRow(ctx.db, QUESTIONNAIRE_RESPONSES, existing.id, {
          answers,
          submitted_at: submittedAt,
        });
        return (await responsesTable(ctx).get(existing.id)) as QuestionnaireResponse;
      }
      return insertRow(ctx.db, QUESTIONNAIRE_RESPONSES, {
        ...newSyncedRow(ctx),
        template_id: input.templateId,
        pair_id: input.pairId,
        participant_id: input.participantId,
        answers,
        submitted_at: submittedAt,
      } satisfies QuestionnaireResponse);
    });
    await ctx.db.drafts.delete(questionnaireDraftKey(input));
    return response;
  });
}
