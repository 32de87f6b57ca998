// A mentor's own contact details (phone, e-mail): the only part of her card she edits.
import { reactive } from 'vue';
import { updateOwnContacts } from '@/data/repos/participants';
import type { Participant } from '@/domain/types';
import { useCommand } from './useCommand';

export function useOwnContactsForm(participant: Participant) {
  const form = reactive({ phone: participant.phone ?? '', email: participant.email ?? '' });
  const { run, errors, failure, isRunning, errorFor } = useCommand((ctx) =>
    updateOwnContacts(ctx, participant.id, { ...form }),
  );
  /** Saves; true when saved (field errors and failures keep the form as typed). */
  async function submit(): Promise<boolean> {
    await run();
    return errors.value.length === 0 && !failure.value;
  }
  return { form, submit, failure, isRunning, errorFor };
}
