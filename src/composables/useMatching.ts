// Matching for the curator (route 'matching'): the mentees without a live pair, the mentors
// with free places, one mentee's mentors ranked with why, and "suggest for everyone" (a stable
// assignment, domain/matching.ts) that the curator reviews couple by couple. Nothing is created
// until she confirms: each confirmed couple becomes a DRAFT pair through createPair, one at a
// time, and each outcome (created, or the rule that refused it) is kept on its row.
import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { appDataContext } from '@/data/context';
import { observeMatchingFacts } from '@/data/matchingQueries';
import { RowMissingError } from '@/data/outbox';
import { localIsoDate } from '@/domain/dates';
import { createPair } from '@/data/repos/pairs';
import {
  indexMatching,
  mentorsWithFreePlaces,
  rankMentors,
  suggestForEveryone,
  type ConsentProblem,
  type MatchPerson,
  type Suggestion,
} from '@/domain/matching';
import { ValidationError, type FieldError } from '@/domain/validation';
import { useSessionStore } from '@/stores/session';
import { useLiveQuery } from './useLiveQuery';

/** How many mentors one mentee's list shows (the rest rank lower still). */
export const CANDIDATE_LIMIT = 5;

export type CreateOutcome =
  | { kind: 'created'; pairId: string }
  | { kind: 'refused'; errors: FieldError[] }
  | { kind: 'failed' };

export type Decision = 'pending' | 'accepted' | 'skipped';

export interface ProposalRow {
  suggestion: Suggestion;
  /** The mentee is not covered by a valid consent today (the row says so). */
  consent: ConsentProblem | null;
  decision: Decision;
  outcome: CreateOutcome | null;
}

const coupleKey = (s: Pick<Suggestion, 'menteeId' | 'mentorId'>) => `${s.menteeId}|${s.mentorId}`;

/** A draft pair of one mentor and one mentee, or why not. */
async function createDraft(s: Suggestion): Promise<CreateOutcome> {
  try {
    const pair = await createPair(await appDataContext(), {
      form: s.form,
      mentorIds: [s.mentorId],
      menteeIds: [s.menteeId],
    });
    return { kind: 'created', pairId: pair.id };
  } catch (e) {
    if (e instanceof ValidationError) return { kind: 'refused', errors: e.errors };
    if (e instanceof RowMissingError) {
      return { kind: 'refused', errors: [{ field: 'form', key: 'rowMissing' }] };
    }
    console.error(e);
    return { kind: 'failed' };
  }
}

export function useMatching() {
  const session = useSessionStore();
  // Device-only: the device's one school, whatever its id.
  const schoolId = () => (session.workspace.kind === 'school' ? session.workspace.schoolId : null);
  const { data, error, isLoading } = useLiveQuery(observeMatchingFacts, schoolId);
  // Consents are checked on today's date: a mentee not covered is proposed with a warning.
  const index = computed(() =>
    data.value ? indexMatching(data.value, { today: localIsoDate(new Date()) }) : null,
  );
  const people = computed(
    () => new Map<string, MatchPerson>((data.value?.participants ?? []).map((p) => [p.id, p])),
  );
  const mentees = computed(() => index.value?.mentees ?? []);
  const freeMentors = computed(() => (index.value ? mentorsWithFreePlaces(index.value) : []));
  const capacity = computed(() => index.value?.capacity ?? 0);

  const selectedId = ref<string | null>(null);
  const selected = computed(
    () => mentees.value.find((m) => m.person.id === selectedId.value) ?? null,
  );
  const candidates = computed(() =>
    index.value && selected.value ? rankMentors(index.value, selected.value, CANDIDATE_LIMIT) : [],
  );

  const isCreating = ref(false);
  /** Outcomes of the couples created from one mentee's list, by `mentee|mentor`. */
  const outcomes = shallowRef(new Map<string, CreateOutcome>());
  /** The last draft created from a mentee's list (she then leaves the list of mentees). */
  const lastCreated = shallowRef<{ pairId: string; menteeId: string } | null>(null);
  async function createOne(s: Suggestion): Promise<void> {
    if (isCreating.value) return;
    isCreating.value = true;
    try {
      const outcome = await createDraft(s);
      outcomes.value = new Map(outcomes.value).set(coupleKey(s), outcome);
      if (outcome.kind === 'created') {
        lastCreated.value = { pairId: outcome.pairId, menteeId: s.menteeId };
        selectedId.value = null;
      }
    } finally {
      isCreating.value = false;
    }
  }
  const outcomeOf = (s: Suggestion) => outcomes.value.get(coupleKey(s)) ?? null;

  /** The proposal under review; null until "suggest for everyone". */
  const proposal = ref<ProposalRow[] | null>(null);
  const unmatched = shallowRef<string[]>([]);
  function suggestAll(): void {
    if (!index.value) return;
    const result = suggestForEveryone(index.value);
    const menteeById = new Map(index.value.mentees.map((m) => [m.person.id, m]));
    proposal.value = result.assignments.map((suggestion) => ({
      suggestion,
      consent: menteeById.get(suggestion.menteeId)?.consent ?? null,
      decision: 'pending',
      outcome: null,
    }));
    unmatched.value = result.unmatched;
  }
  function decide(row: ProposalRow, decision: Decision): void {
    if (!row.outcome) row.decision = decision;
  }
  function acceptAll(): void {
    for (const row of proposal.value ?? []) decide(row, 'accepted');
  }
  const toCreate = computed(
    () => proposal.value?.filter((r) => r.decision === 'accepted' && !r.outcome) ?? [],
  );
  async function createAccepted(): Promise<void> {
    if (isCreating.value) return;
    isCreating.value = true;
    try {
      for (const row of toCreate.value) row.outcome = await createDraft(row.suggestion);
    } finally {
      isCreating.value = false;
    }
  }
  const createdCount = computed(
    () => proposal.value?.filter((r) => r.outcome?.kind === 'created').length ?? 0,
  );
  function closeProposal(): void {
    proposal.value = null;
    unmatched.value = [];
  }

  return {
    index,
    isLoading,
    error,
    people,
    mentees,
    freeMentors,
    capacity,
    selectedId,
    selected,
    candidates,
    createOne,
    outcomeOf,
    lastCreated,
    isCreating,
    proposal,
    unmatched,
    suggestAll,
    decide,
    acceptAll,
    toCreate,
    createAccepted,
    createdCount,
    closeProposal,
  };
}

/** The name of a person (with her class), as lists show it. */
export function useMatchingNames() {
  return (person: MatchPerson | undefined): string =>
    !person
      ? ''
      : person.class_label
        ? `${person.full_name}, ${person.class_label}`
        : person.full_name;
}

/** A refusal in the user's language: matching's own text, else the shared errors.* one. */
export function useMatchingErrorText() {
  const { t, te } = useI18n();
  return (error: FieldError): string => {
    const own = `matching.errors.${error.key}`;
    return t(te(own) ? own : `errors.${error.key}`, error.params ?? {});
  };
}
