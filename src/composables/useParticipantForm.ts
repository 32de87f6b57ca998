import { computed, nextTick, reactive } from 'vue';
import { addParticipant, updateParticipant } from '@/data/repos/participants';
import type { ParticipantInput, StaffRecordInput } from '@/domain/participants';
import type { Participant, ParticipantKind } from '@/domain/types';
import { useCommand } from './useCommand';

/** What the form holds: strings for every text input, so nothing typed is ever lost. */
export interface ParticipantFormState {
  kind: ParticipantKind;
  full_name: string;
  class_label: string;
  is_minor: boolean;
  subject: string;
  phone: string;
  email: string;
  /** The staff's request about the person (participant_sensitive.request). */
  request: string;
  is_mentor: boolean;
  is_mentee: boolean;
  /** The staff record, as typed (experience as text: nothing typed is lost). */
  position: string;
  teaching_experience_years: string;
  qualification_category: string;
  is_manager: boolean;
  birth_date: string;
}

function initialState(p: Participant | undefined, request: string | null): ParticipantFormState {
  return {
    kind: p?.kind ?? 'student',
    full_name: p?.full_name ?? '',
    class_label: p?.class_label ?? '',
    is_minor: p?.is_minor ?? true,
    subject: p?.subject ?? '',
    phone: p?.phone ?? '',
    email: p?.email ?? '',
    request: request ?? '',
    is_mentor: p?.is_mentor ?? false,
    is_mentee: p?.is_mentee ?? false,
    position: p?.position ?? '',
    teaching_experience_years:
      p?.teaching_experience_years == null ? '' : String(p.teaching_experience_years),
    qualification_category: p?.qualification_category ?? '',
    is_manager: p?.is_manager ?? false,
    birth_date: p?.birth_date ?? '',
  };
}

/** '' → null, a whole number → it, anything else → NaN (the domain says what is wrong). */
function experienceYears(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The staff record from the form: manager, experience and category are teachers'. */
export function toStaffRecord(form: ParticipantFormState): StaffRecordInput {
  const teacher = form.kind === 'teacher';
  return {
    position: form.kind === 'student' ? null : form.position,
    teaching_experience_years: teacher ? experienceYears(form.teaching_experience_years) : null,
    qualification_category: teacher ? form.qualification_category : null,
    is_manager: teacher && form.is_manager,
    birth_date: form.birth_date,
  };
}

/** Only students and "other" people can be minors (the domain and the database agree). */
const MAY_BE_MINOR: readonly ParticipantKind[] = ['student', 'other'];

export function toParticipantInput(
  form: ParticipantFormState,
  canEditRequest = true,
  canEditStaffRecord = canEditRequest,
): ParticipantInput {
  const {
    position: _position,
    teaching_experience_years: _years,
    qualification_category: _category,
    is_manager: _manager,
    birth_date: _birth,
    ...rest
  } = form;
  return {
    ...rest,
    // Only staff write the staff record: for anyone else the row keeps it (undefined).
    staff: canEditStaffRecord ? toStaffRecord(form) : undefined,
    // Only staff write the request: for anyone else it stays as it is (undefined).
    request: canEditRequest ? form.request : undefined,
    class_label: form.kind === 'student' ? form.class_label : null,
    subject: form.kind === 'teacher' ? form.subject : null,
    is_minor: MAY_BE_MINOR.includes(form.kind) && form.is_minor,
  };
}

/**
 * Add a person to the bases, or edit one; resolves to the person's id once saved. The request
 * is offered and written only when `canEditRequest` (staff, device-only).
 */
export function useParticipantForm(
  existing?: Participant,
  options: {
    request?: string | null;
    canEditRequest?: boolean;
    /** Staff (recordTraining): position, experience, category, manager, birth date. */
    canEditStaffRecord?: boolean;
  } = {},
) {
  const canEditRequest = options.canEditRequest ?? true;
  const canEditStaffRecord = options.canEditStaffRecord ?? canEditRequest;
  const form = reactive(initialState(existing, options.request ?? null));
  const command = useCommand(async (ctx, input: ParticipantInput) => {
    if (!existing) return (await addParticipant(ctx, input)).id;
    await updateParticipant(ctx, existing.id, input);
    return existing.id;
  });

  /** Students are minors by default; other kinds (but "other") cannot be. */
  function setKind(kind: ParticipantKind): void {
    form.kind = kind;
    form.is_minor = kind === 'student' || (kind === 'other' && form.is_minor);
  }

  return {
    form,
    setKind,
    isStudent: computed(() => form.kind === 'student'),
    isTeacher: computed(() => form.kind === 'teacher'),
    mayBeMinor: computed(() => MAY_BE_MINOR.includes(form.kind)),
    canEditRequest,
    canEditStaffRecord,
    submit: () => command.run(toParticipantInput(form, canEditRequest, canEditStaffRecord)),
    errorFor: command.errorFor,
    isRunning: command.isRunning,
    failure: command.failure,
  };
}

const INVALID = '.field--invalid input, .field--invalid select, .field--invalid textarea';

/**
 * Wraps a form's submit handler so that, when the domain refuses, focus (and so the phone's
 * scroll) moves to the first field showing an error: on a long form it may be off screen.
 */
export function withErrorFocus(action: () => Promise<unknown>) {
  return async (event: Event): Promise<void> => {
    const form = event.currentTarget as HTMLElement | null;
    await action();
    await nextTick();
    form?.querySelector<HTMLElement>(INVALID)?.focus();
  };
}
