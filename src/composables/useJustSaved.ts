// «Встреча записана» once: the form marks the meeting it saved (this tab's sessionStorage) and
// goes back with `?saved=<id>`; the meeting's line in the list shows the confirmation and
// brings itself into view on arrival. A reload of that address later (or a link to it) shows
// nothing: the mark is spent once shown, so the page never claims a save that just happened.
import { useRoute } from 'vue-router';

const KEY = 'nastavnik.justSaved';
/** Other lines of the same meeting mounted along with the first one still show it. */
const SHOWN_GRACE_MS = 2000;

interface Mark {
  id: string;
  shownAt: number | null;
}

function read(): Mark | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const mark = raw ? (JSON.parse(raw) as Partial<Mark>) : null;
    return mark && typeof mark.id === 'string'
      ? { id: mark.id, shownAt: typeof mark.shownAt === 'number' ? mark.shownAt : null }
      : null;
  } catch {
    return null;
  }
}

function write(mark: Mark): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(mark));
  } catch {
    // Storage blocked: the confirmation shows whenever the address says so, as before.
  }
}

/** The form has just saved this meeting. */
export function markJustSaved(id: string): void {
  write({ id, shownAt: null });
}

/**
 * Whether the line of this meeting says it was just saved: the address names it, and the
 * form's mark is fresh (not yet shown, or shown a moment ago). Decided once, on creation.
 */
export function useJustSaved(meetingId: () => string, now: () => number = Date.now): boolean {
  const route = useRoute();
  const id = meetingId();
  let isJust = false;
  if (route?.query.saved === id) {
    if (!canStore()) {
      isJust = true; // storage blocked: the address alone decides, as it did before
    } else {
      const mark = read();
      if (mark?.id === id && (mark.shownAt === null || now() - mark.shownAt < SHOWN_GRACE_MS)) {
        isJust = true;
        if (mark.shownAt === null) write({ id, shownAt: now() });
      }
    }
  }
  return isJust;
}

function canStore(): boolean {
  try {
    const probe = `${KEY}.probe`;
    sessionStorage.setItem(probe, '1');
    sessionStorage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}
