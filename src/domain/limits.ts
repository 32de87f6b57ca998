// The longest texts a form accepts, in characters. The server refuses more (a reflection over
// 2,000 characters, a row over 64 KB: row_too_large / too_large), and a refusal after sync
// would strand the text in the quarantine: the form says it first and keeps what was typed.
import type { FieldError } from './validation';

/** A mentee's reflection on a meeting (meeting_confirmations.reflection). */
export const MAX_REFLECTION_LENGTH = 2000;
/** A short comment: the mentee's "I did it" on a plan task (plan_tasks.mentee_comment). */
export const MAX_COMMENT_LENGTH = 2000;
/** Notes: a meeting's notes and agreements, a private note, a task's result, a request. */
export const MAX_NOTES_LENGTH = 10_000;

/** A `tooLong` error for `field` when `value` is longer than `max`. */
export function lengthErrors(
  field: string,
  value: string | null | undefined,
  max: number,
): FieldError[] {
  return (value?.length ?? 0) > max ? [{ field, key: 'tooLong', params: { max } }] : [];
}
