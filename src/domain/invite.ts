// Invite codes as students type them: the server's alphabet has no look-alikes (no I, O, 0,
// 1) and ignores dashes and spaces; a Russian keyboard gives Cyrillic letters that look the
// same as Latin ones, so those are read as the Latin letters they look like.

export const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const CYRILLIC_LOOKALIKES: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
};

/** `alsa 5к7м` → `ALSA-5K7M`; null when it cannot be a code. */
export function normaliseInviteCode(typed: string): string | null {
  const letters = [...typed.toUpperCase()]
    .map((ch) => CYRILLIC_LOOKALIKES[ch] ?? ch)
    .filter((ch) => /[A-Z0-9]/.test(ch))
    .join('');
  if (letters.length !== 8 || [...letters].some((ch) => !INVITE_ALPHABET.includes(ch))) {
    return null;
  }
  return `${letters.slice(0, 4)}-${letters.slice(4)}`;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}

/** One-time codes from the e-mail: 6 digits (GoTrue's default), spaces ignored. */
export function normaliseEmailCode(typed: string): string | null {
  const digits = typed.replace(/\s/g, '');
  return /^\d{6,10}$/.test(digits) ? digits : null;
}

/** The role an invite offers first: a person only in the base of mentors joins as a mentor. */
export function defaultInviteRole(person: {
  is_mentor: boolean;
  is_mentee: boolean;
}): 'mentor' | 'mentee' {
  return person.is_mentor && !person.is_mentee ? 'mentor' : 'mentee';
}

/**
 * The address a QR code carries: `<origin><base>join?code=<CODE>`. A phone camera opens it
 * and the sign-in screen arrives with the code filled in. `base` is the app's base path.
 */
export function inviteJoinUrl(origin: string, base: string, code: string): string {
  const path = base.endsWith('/') ? base : `${base}/`;
  const root = origin.replace(/\/+$/, '');
  return `${root}${path.startsWith('/') ? path : `/${path}`}join?code=${encodeURIComponent(code)}`;
}

/**
 * What the invite field starts with when the app opens from a join link: the normalised
 * code, or the raw text (cut short) so a mistyped link still shows what arrived.
 */
export function inviteCodeFromLink(value: unknown): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string') return '';
  return normaliseInviteCode(raw) ?? raw.trim().slice(0, 32);
}
