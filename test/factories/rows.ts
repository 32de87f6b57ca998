// Factories for device rows in the server's shape. Every call makes a new id.
import type {
  Consent,
  Meeting,
  MeetingConfirmation,
  Participant,
  Pair,
  PlanTask,
  SyncedRow,
} from '@/domain/types';

let counter = 0;
export function uuid(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export const SCHOOL_ID = '10000000-0000-4000-8000-000000000001';

function synced(): SyncedRow {
  return {
    id: uuid(),
    school_id: SCHOOL_ID,
    version: 0,
    deleted_at: null,
    created_at: '2026-09-01T08:00:00.000Z',
    updated_at: '2026-09-01T08:00:00.000Z',
    created_by: null,
  };
}

export function aParticipant(overrides: Partial<Participant> = {}): Participant {
  return {
    ...synced(),
    kind: 'student',
    full_name: 'Иванова Мария Петровна',
    class_label: '7А',
    birth_year: 2013,
    is_minor: true,
    subject: null,
    teaching_experience_years: null,
    workplace: null,
    position: null,
    interests: null,
    phone: null,
    email: null,
    is_mentor: false,
    is_mentee: true,
    user_id: null,
    ...overrides,
  };
}

export function aConsent(participant: Participant, overrides: Partial<Consent> = {}): Consent {
  return {
    ...synced(),
    participant_id: participant.id,
    given_by: participant.is_minor ? 'representative' : 'self',
    representative_name: participant.is_minor ? 'Иванова Ольга Сергеевна' : null,
    representative_relation: participant.is_minor ? 'мать' : null,
    signed_on: '2026-09-01',
    valid_until: '2027-08-31',
    revoked_on: null,
    scope_note: null,
    ...overrides,
  };
}

export function aPair(overrides: Partial<Pair> = {}): Pair {
  return {
    ...synced(),
    programme_id: null,
    is_group: false,
    form: 'uchenik_uchenik',
    role_model: null,
    title: null,
    status: 'active',
    order_number: '45-о',
    order_date: '2026-09-15',
    started_on: '2026-09-16',
    ended_on: null,
    end_reason: null,
    ...overrides,
  };
}

export function aMeeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    ...synced(),
    pair_id: uuid(),
    type: 'regular',
    held_on: '2026-10-01',
    duration_min: 45,
    format: 'in_person',
    topic: null,
    notes: null,
    agreements: null,
    ...overrides,
  };
}

export function aTask(overrides: Partial<PlanTask> = {}): PlanTask {
  return {
    ...synced(),
    pair_id: uuid(),
    plan_id: uuid(),
    goal_id: null,
    title: 'Посетить урок наставника',
    activity: null,
    expected_result: null,
    due_on: '2026-10-15',
    status: 'todo',
    result: null,
    position: 0,
    ...overrides,
  };
}

/** One mentee's confirmation (and reflection) of a meeting: one per mentee per meeting. */
export function aMeetingConfirmation(
  meeting: Meeting,
  participantId: string,
  overrides: Partial<MeetingConfirmation> = {},
): MeetingConfirmation {
  return {
    ...synced(),
    school_id: meeting.school_id,
    pair_id: meeting.pair_id,
    meeting_id: meeting.id,
    participant_id: participantId,
    confirmed_at: '2026-10-01T15:00:00.000Z',
    reflection: null,
    ...overrides,
  };
}
