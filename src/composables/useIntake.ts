// Intake questionnaires on screen (route 'intake': a mentor or mentee fills her own on the
// phone; route 'participant-intake': staff enter anyone's from paper). One form per person
// and role, filled from the saved intake once it arrives and then left to what she types;
// saving goes through data/repos/intakes.ts (one row and its outbox entry).
import { computed, reactive, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { observeIntakeForm, observeMissingIntakes } from '@/data/matchingQueries';
import { saveIntake } from '@/data/repos/intakes';
import {
  explainOffer,
  intakeFormsFor,
  INTAKE_ROLES,
  MAX_PREFERRED_MENTORS,
  type IntakeRole,
} from '@/domain/intake';
import type { Intake, Participant } from '@/domain/types';
import type { FieldError } from '@/domain/validation';
import { useSessionStore } from '@/stores/session';
import { useCommand } from './useCommand';
import { useLiveQuery } from './useLiveQuery';

export type { ChoosableMentor } from '@/data/matchingQueries';

export interface IntakeTarget {
  participantId: string;
  role: IntakeRole;
}

const isRole = (value: unknown): value is IntakeRole =>
  typeof value === 'string' && (INTAKE_ROLES as readonly string[]).includes(value);

/** The user's own seats that take an intake (her mentor and mentee seats), mentor first. */
export function useOwnIntakeTargets() {
  const session = useSessionStore();
  return computed<IntakeTarget[]>(() => {
    const workspace = session.workspace;
    if (workspace.kind !== 'school') return [];
    const out: IntakeTarget[] = [];
    for (const role of INTAKE_ROLES) {
      for (const seat of workspace.seats) {
        if (seat.role === role && seat.participantId) {
          out.push({ participantId: seat.participantId, role });
        }
      }
    }
    return out;
  });
}

/** The user's own intakes not filled yet (the home screen asks for them). */
export function useMissingIntakes() {
  const targets = useOwnIntakeTargets();
  const { data } = useLiveQuery(observeMissingIntakes, () => targets.value);
  return computed(() => data.value ?? []);
}

function emptyForm() {
  return {
    offers: '',
    capacity: '' as string | number,
    forms: [] as string[],
    request: '',
    interests: '',
    preferred: [] as string[],
  };
}

function formOf(intake: Intake | null) {
  return {
    offers: intake?.offers ?? '',
    capacity: intake?.capacity ?? '',
    forms: [...(intake?.forms ?? [])],
    request: intake?.request ?? '',
    interests: intake?.interests ?? '',
    preferred: [...(intake?.preferred_mentor_ids ?? [])],
  };
}

/** '' → null (not said); anything else a number, which validation checks. */
const capacityOf = (value: string | number): number | null =>
  value === '' ? null : typeof value === 'number' ? value : Number(value.trim());

/**
 * The intake form of `participantId` in `role` (`role` null: the role the person's card
 * suggests, mentee first). `roles` are the roles this page offers for her.
 */
export function useIntakeForm(
  participantId: () => string | null,
  role: () => unknown,
  roles: (person: Participant) => IntakeRole[],
) {
  const { data, error, isLoading } = useLiveQuery(observeIntakeForm, participantId);
  const person = computed(() => data.value?.person ?? null);
  const offered = computed<IntakeRole[]>(() => (person.value ? roles(person.value) : []));
  const current = computed<IntakeRole | null>(() => {
    const asked = role();
    if (isRole(asked) && offered.value.includes(asked)) return asked;
    return offered.value.includes('mentee') ? 'mentee' : (offered.value[0] ?? null);
  });
  const intake = computed(() =>
    current.value && data.value ? data.value.intakes[current.value] : null,
  );
  const forms = computed(() =>
    person.value && current.value ? intakeFormsFor(current.value, person.value.kind) : [],
  );

  const form = reactive(emptyForm());
  const saved = ref(false);
  // Filled once per person and role from what is saved; later syncs leave her typing alone.
  let filledFor: string | null = null;
  watch(
    [person, current, intake],
    () => {
      if (!person.value || !current.value) return;
      const key = `${person.value.id}|${current.value}`;
      if (filledFor === key) return;
      filledFor = key;
      Object.assign(form, formOf(intake.value));
      saved.value = false;
    },
    { immediate: true },
  );
  // «Анкета сохранена» stands until she changes an answer.
  watch(form, () => {
    saved.value = false;
  });

  const mentors = computed(() => data.value?.mentors ?? []);
  /** When the school's mentor directory on this device was received (null: none yet). */
  const directoryFetchedAt = computed(() => data.value?.directoryFetchedAt ?? null);
  const mentorById = computed(() => new Map(mentors.value.map((m) => [m.id, m])));
  const choosable = computed(() => mentors.value.filter((m) => !form.preferred.includes(m.id)));
  const canChooseMore = computed(() => form.preferred.length < MAX_PREFERRED_MENTORS);
  function choose(id: string): void {
    if (id && canChooseMore.value && !form.preferred.includes(id)) form.preferred.push(id);
  }
  function unchoose(id: string): void {
    form.preferred = form.preferred.filter((x) => x !== id);
  }
  /** Moves a chosen mentor one place up (-1) or down (+1). */
  function move(id: string, by: -1 | 1): void {
    const list = [...form.preferred];
    const at = list.indexOf(id);
    const to = at + by;
    if (at < 0 || to < 0 || to >= list.length) return;
    [list[at], list[to]] = [list[to]!, list[at]!];
    form.preferred = list;
  }
  /** What a chosen mentor offers against the mentee's request, where this device knows it. */
  function matchOf(id: string): { key: 'shared' | 'none'; words: string[] } | null {
    const offers = data.value?.offers.get(id);
    return offers ? explainOffer(form.request, offers) : null;
  }

  const { run, errors, failure, isRunning, errorFor } = useCommand((ctx) =>
    saveIntake(ctx, person.value!.id, {
      role: current.value!,
      offers: form.offers,
      capacity: capacityOf(form.capacity),
      forms: form.forms,
      request: form.request,
      interests: form.interests,
      preferredMentorIds: form.preferred,
    }),
  );
  /** Saves; true when saved (field errors and failures keep the form as typed). */
  async function submit(): Promise<boolean> {
    saved.value = false;
    if (!person.value || !current.value) return false;
    await run();
    saved.value = errors.value.length === 0 && !failure.value;
    return saved.value;
  }

  return {
    isLoading,
    error,
    person,
    roles: offered,
    role: current,
    intake,
    forms,
    form,
    mentors,
    directoryFetchedAt,
    mentorById,
    choosable,
    canChooseMore,
    choose,
    unchoose,
    move,
    matchOf,
    submit,
    saved,
    isRunning,
    failure,
    errorFor,
  };
}

/**
 * Intake refusals in the user's language. `named`: the error with its `form` parameter (a
 * form key) turned into the form's name, for BaseField with scope="intake.errors"; `text`:
 * the whole message (the intake's own text, else the shared errors.* one) for fieldsets.
 */
export function useIntakeErrorText() {
  const { t, te } = useI18n();
  function named(error: FieldError): FieldError;
  function named(error: FieldError | undefined): FieldError | undefined;
  function named(error: FieldError | undefined): FieldError | undefined {
    if (!error || error.params?.form === undefined) return error;
    const { form, ...params } = error.params;
    return { ...error, params: { ...params, form: t(`forms.${form}`) } };
  }
  function text(error: FieldError): string {
    const own = `intake.errors.${error.key}`;
    return t(te(own) ? own : `errors.${error.key}`, named(error).params ?? {});
  }
  return { named, text };
}
