// Factories for questionnaire rows in the server's shape: the built-in templates as rows and
// responses to them.
import { BUILTIN_QUESTIONNAIRES } from '@/domain/questionnaireDefaults';
import type {
  QuestionnaireAudience,
  QuestionnaireKind,
  QuestionnaireResponse,
  QuestionnaireTemplate,
} from '@/domain/questionnaires';
import { SCHOOL_ID, uuid } from './rows';

const STAMP = '2026-09-01T08:00:00.000Z';

/** The built-in template of that kind and audience, as a row. */
export function aBuiltinTemplate(
  kind: QuestionnaireKind,
  audience: QuestionnaireAudience,
  overrides: Partial<QuestionnaireTemplate> = {},
): QuestionnaireTemplate {
  const builtin = BUILTIN_QUESTIONNAIRES.find((t) => t.kind === kind && t.audience === audience);
  if (!builtin) throw new Error(`no built-in ${kind}/${audience}`);
  return {
    ...builtin,
    school_id: null,
    based_on: null,
    version: 1,
    deleted_at: null,
    created_at: STAMP,
    updated_at: STAMP,
    created_by: null,
    ...overrides,
  };
}

export const builtinTemplates = (): QuestionnaireTemplate[] =>
  BUILTIN_QUESTIONNAIRES.map((t) => aBuiltinTemplate(t.kind, t.audience));

export function aResponse(
  template: Pick<QuestionnaireTemplate, 'id'>,
  overrides: Partial<QuestionnaireResponse> = {},
): QuestionnaireResponse {
  return {
    id: uuid(),
    school_id: SCHOOL_ID,
    version: 0,
    deleted_at: null,
    created_at: STAMP,
    updated_at: STAMP,
    created_by: null,
    template_id: template.id,
    pair_id: uuid(),
    participant_id: uuid(),
    answers: {},
    submitted_at: null,
    ...overrides,
  };
}
