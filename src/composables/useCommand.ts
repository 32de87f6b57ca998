import { ref, shallowRef } from 'vue';
import { appDataContext, type DataContext } from '@/data/context';
import { ValidationError, type FieldError } from '@/domain/validation';

/**
 * Runs a write command against the app's database. Validation problems become field errors
 * (i18n keys) for the form to show next to the fields; the form keeps what the user typed.
 * Any other failure is kept in `failure` and the command resolves to undefined.
 */
export function useCommand<A extends unknown[], R>(
  command: (ctx: DataContext, ...args: A) => Promise<R>,
) {
  const isRunning = ref(false);
  const errors = shallowRef<FieldError[]>([]);
  const failure = shallowRef<unknown>(null);

  async function run(...args: A): Promise<R | undefined> {
    // A double tap must not save twice: a second run while one is in flight does nothing.
    if (isRunning.value) return undefined;
    isRunning.value = true;
    errors.value = [];
    failure.value = null;
    try {
      return await command(await appDataContext(), ...args);
    } catch (e) {
      if (e instanceof ValidationError) errors.value = e.errors;
      else {
        failure.value = e;
        console.error(e);
      }
      return undefined;
    } finally {
      isRunning.value = false;
    }
  }

  function errorFor(field: string): FieldError | undefined {
    return errors.value.find((e) => e.field === field);
  }

  return { run, isRunning, errors, failure, errorFor };
}
