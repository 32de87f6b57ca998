// The preview's texts, each formatted once: a 2,000-row roll may refuse hundreds of rows for a
// handful of reasons, and every vue-i18n t() call costs about a millisecond on a slow tablet
// (bench/roll-import.mjs), so a text is made once per distinct message, not once per row.
import type { RefusedRow } from '@/domain/roll';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** What the same key and parameters give, made once. */
export function onceEach(t: Translate): Translate {
  const made = new Map<string, string>();
  return (key, params) => {
    const id = params ? `${key}\u0000${JSON.stringify(params)}` : key;
    let text = made.get(id);
    if (text === undefined) {
      text = t(key, params);
      made.set(id, text);
    }
    return text;
  };
}

/** A refused row's reason, its column (`field`, a key) named as the mapping names it. */
export function refusalReason(t: Translate, row: Pick<RefusedRow, 'reason' | 'params'>): string {
  const params: Record<string, unknown> = { ...row.params };
  if (typeof params.field === 'string') params.field = t(`roll.fields.${params.field}`);
  return t(`roll.reasons.${row.reason}`, params);
}

const SLOT = '\u0000';

/**
 * A message with one number in it (`Строка {row}`), formatted once and filled per row. Only
 * for messages without plural forms: the text around the number must not depend on it.
 */
export function withNumber(t: Translate, key: string, param: string): (n: number) => string {
  const parts = t(key, { [param]: SLOT }).split(SLOT);
  if (parts.length !== 2) return (n) => t(key, { [param]: n });
  const [before, after] = parts as [string, string];
  return (n) => `${before}${n}${after}`;
}
