import { computed, reactive, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { recordConsent } from '@/data/repos/participants';
import { localIsoDate } from '@/domain/dates';
import type { ConsentInput } from '@/domain/participants';
import type { Participant } from '@/domain/types';
import { useCommand } from './useCommand';
import { endOfAcademicYear } from './useParticipantConsent';

/**
 * Relations a representative may have, stored in Russian as the paper consent forms name
 * them (the column is free text, so older or synced rows may hold anything).
 */
export const REPRESENTATIVE_RELATIONS = {
  mother: 'мать',
  father: 'отец',
  guardian: 'опекун',
  other: 'другое',
} as const;
export type RelationKey = keyof typeof REPRESENTATIVE_RELATIONS;

/** The i18n key of a stored relation, or null when it is free text. */
export function relationKey(stored: string | null): RelationKey | null {
  const found = Object.entries(REPRESENTATIVE_RELATIONS).find(([, value]) => value === stored);
  return found ? (found[0] as RelationKey) : null;
}

interface ConsentFormState {
  given_by: 'self' | 'representative';
  representative_name: string;
  representative_relation: string;
  signed_on: string;
  valid_until: string;
}

/** Records a person's consent. A minor's consent is always a representative's. */
export function useParticipantConsentForm(participant: MaybeRefOrGetter<Participant>) {
  const today = localIsoDate(new Date());
  const isMinor = computed(() => toValue(participant).is_minor);
  const blank = (): ConsentFormState => ({
    given_by: isMinor.value ? 'representative' : 'self',
    representative_name: '',
    representative_relation: '',
    signed_on: today,
    valid_until: endOfAcademicYear(today),
  });
  const form = reactive(blank());

  const record = useCommand((ctx, input: ConsentInput) =>
    recordConsent(ctx, toValue(participant).id, input, today),
  );
  // A person just marked as a minor can no longer sign for themselves.
  watch(isMinor, (minor) => {
    if (minor) form.given_by = 'representative';
  });

  async function submit(): Promise<boolean> {
    const saved = await record.run({ ...form });
    if (saved) Object.assign(form, blank());
    return !!saved;
  }

  return {
    form,
    isMinor,
    isRepresentative: computed(() => form.given_by === 'representative'),
    submit,
    errorFor: record.errorFor,
    isRunning: record.isRunning,
    failure: record.failure,
  };
}
