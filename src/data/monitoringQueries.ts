// Owns the reactive read behind the monitoring results: one school's pairs, people,
// questionnaire responses and every template the device knows (built-ins included), in a few
// bulk reads; domain/monitoring.ts turns them into the report.
import { liveQuery } from 'dexie';
import type { QuestionnaireResponse, QuestionnaireTemplate } from '@/domain/questionnaires';
import type { Pair, Participant } from '@/domain/types';
import type { DataContext } from './context';
import type { Observable } from './queries';
import { allTemplates, responsesTable } from './repos/questionnaires';

export interface MonitoringData {
  pairs: Pair[];
  participants: Participant[];
  templates: QuestionnaireTemplate[];
  /** The school's live responses, drafts included (the report counts submitted ones only). */
  responses: QuestionnaireResponse[];
}

const alive = <T extends { deleted_at: string | null }>(rows: T[]) =>
  rows.filter((r) => r.deleted_at === null);

/**
 * The school's monitoring rows, live. `schoolId` null: the device's own school (device-only
 * mode). Deleted pairs are kept: the report leaves out their answers.
 */
export function observeMonitoring(
  ctx: DataContext,
  schoolId: string | null,
): Observable<MonitoringData> {
  return liveQuery(async () => {
    const school = schoolId ?? ctx.schoolId;
    const [pairs, participants, responses, templates] = await Promise.all([
      ctx.db.pairs.where('school_id').equals(school).toArray(),
      ctx.db.participants.where('school_id').equals(school).toArray(),
      responsesTable(ctx)
        .filter((r) => r.school_id === school && r.deleted_at === null)
        .toArray(),
      allTemplates(ctx),
    ]);
    return { pairs, participants: alive(participants), templates, responses };
  });
}
