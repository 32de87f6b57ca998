// A small school as export facts: a teacher mentoring a minor student, an archived mentee,
// a draft and an ended pair, a meeting, a plan and questionnaire responses. Two strings that
// must never reach a spreadsheet are planted where a careless mapper would pick them up.
import type { ExportFacts } from '@/domain/exports';
import type { DevelopmentPlan, PairMember, Participant, PlanGoal } from '@/domain/types';
import { aBuiltinTemplate, aResponse } from '../../factories/questionnaires';
import {
  aConsent,
  aMeeting,
  aPair,
  aParticipant,
  aTask,
  uuid,
  SCHOOL_ID,
} from '../../factories/rows';

const STAMP = '2026-09-01T08:00:00.000Z';
const synced = () => ({
  id: uuid(),
  school_id: SCHOOL_ID,
  version: 0,
  deleted_at: null,
  created_at: STAMP,
  updated_at: STAMP,
  created_by: null,
});
const member = (pairId: string, p: Participant, side: 'mentor' | 'mentee'): PairMember => ({
  ...synced(),
  pair_id: pairId,
  participant_id: p.id,
  side,
});

export const SECRET_NOTE = 'ЛИЧНАЯ-ЗАМЕТКА-НАСТАВНИКА';
export const SECRET_CATEGORY = 'ОВЗ-КАТЕГОРИЯ';

/** A school: a teacher mentoring a minor student, an archived mentee, a draft pair, a plan. */
export function aSchool(): ExportFacts {
  const mentor = aParticipant({
    kind: 'teacher',
    full_name: 'Петров Сергей Иванович',
    class_label: null,
    is_minor: false,
    is_mentor: true,
    is_mentee: false,
    position: 'учитель математики',
    subject: 'Математика',
    phone: '+7 900 000-00-01',
    email: 'petrov@school.ru',
  });
  const anna = aParticipant({ full_name: 'Смирнова Анна', class_label: '6Б' });
  // A careless mapper could have merged the sensitive row in: the builders pick columns.
  Object.assign(anna, { categories: [SECRET_CATEGORY], note: SECRET_CATEGORY });
  const boris = aParticipant({
    full_name: 'Абрамов Борис',
    class_label: '7А',
    archived_on: '2026-11-20',
  });
  const gone = aParticipant({ full_name: 'Удалённый Участник', deleted_at: STAMP });
  const pair = aPair({ form: 'uchitel_uchenik', order_number: '45-о', order_date: '2026-09-15' });
  const draft = aPair({
    form: 'uchenik_uchenik',
    status: 'draft',
    order_number: null,
    order_date: null,
    started_on: null,
  });
  const ended = aPair({
    form: 'uchitel_uchenik',
    status: 'ended_early',
    ended_on: '2026-11-20',
    end_reason: 'Участник выбыл из программы',
  });
  const meeting = aMeeting({
    pair_id: pair.id,
    type: 'organisational',
    held_on: '2026-09-20',
    duration_min: 40,
    format: 'in_person',
    topic: 'Знакомство',
    notes: 'Обсудили цели',
    agreements: 'Встречаемся по средам',
  });
  Object.assign(meeting, { private_note: SECRET_NOTE, body: SECRET_NOTE });
  const plan: DevelopmentPlan = {
    ...synced(),
    pair_id: pair.id,
    mentee_id: anna.id,
    title: 'План Анны',
    status: 'active',
  };
  const goal: PlanGoal = {
    ...synced(),
    pair_id: pair.id,
    plan_id: plan.id,
    title: 'Подтянуть дроби',
    position: 0,
  };
  const entry = aBuiltinTemplate('entry', 'mentee_student');
  const satisfaction = aBuiltinTemplate('satisfaction', 'mentee_student');
  return {
    today: '2026-12-01',
    locale: 'ru',
    schoolName: 'МБОУ «Лузинская СОШ №1»',
    participants: [mentor, anna, boris, gone],
    consents: [
      aConsent(anna, { valid_until: '2027-08-31' }),
      aConsent(mentor, { valid_until: null }),
    ],
    pairs: [pair, draft, ended],
    members: [
      member(pair.id, mentor, 'mentor'),
      member(pair.id, anna, 'mentee'),
      member(draft.id, mentor, 'mentor'),
      member(ended.id, mentor, 'mentor'),
      member(ended.id, boris, 'mentee'),
    ],
    meetings: [meeting, aMeeting({ pair_id: pair.id, deleted_at: STAMP, topic: 'Удалённая' })],
    plans: [plan],
    goals: [goal],
    tasks: [
      aTask({
        pair_id: pair.id,
        plan_id: plan.id,
        goal_id: goal.id,
        title: 'Решить 10 задач',
        due_on: '2026-10-15',
        status: 'done',
        result: 'Решила все',
        position: 1,
      }),
      aTask({
        pair_id: pair.id,
        plan_id: plan.id,
        goal_id: goal.id,
        title: 'Повторить правила',
        due_on: '2026-10-01',
        position: 0,
      }),
    ],
    templates: [entry, satisfaction],
    responses: [
      aResponse(entry, {
        pair_id: pair.id,
        participant_id: anna.id,
        answers: { q1: 4, q2: 5 },
        submitted_at: '2026-09-25T10:00:00.000Z',
      }),
      aResponse(satisfaction, {
        pair_id: pair.id,
        participant_id: anna.id,
        answers: { q1: 9 },
        submitted_at: null,
      }),
    ],
  };
}
