// Teen wording (see domain/wording.ts): which words this user gets for a pair, and the
// meetings.* messages in those words. Teen texts live under `meetings.teen.*`; a key without
// a teen text falls back to the usual one, so the two sets never have to be complete.
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Pair, ParticipantKind } from '@/domain/types';
import { usesTeenWording } from '@/domain/wording';
import { useViewer } from './useViewer';

interface PairWithMentors {
  pair: Pick<Pair, 'form'>;
  mentors: readonly { id: string; kind: ParticipantKind | null }[];
}

/** True when this user should get teen wording for the pair. */
export function useTeenWording(pair: MaybeRefOrGetter<PairWithMentors | null | undefined>) {
  const viewer = useViewer();
  return computed(() => {
    const p = toValue(pair);
    return !!p && usesTeenWording(p.pair, p.mentors, viewer.value);
  });
}

export function useMeetingWording(isTeen: MaybeRefOrGetter<boolean>) {
  const { t, te } = useI18n();
  const teenKey = (key: string) =>
    toValue(isTeen) && te(`meetings.teen.${key}`) ? `meetings.teen.${key}` : null;

  /** `meetings.<key>`, or its teen text for a teen. */
  function mt(key: string, params: Record<string, unknown> = {}): string {
    return t(teenKey(key) ?? `meetings.${key}`, params);
  }
  /** A short hint only teens get (adults know the form); undefined otherwise. */
  function hint(field: string): string | undefined {
    const key = teenKey(`hints.${field}`);
    return key ? t(key) : undefined;
  }
  return { mt, hint };
}
