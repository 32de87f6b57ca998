// The school's mentors a mentee may choose in her own intake (public.mentor_directory, issue
// 12): before pairing she reads no mentor's card, so the server answers with names, subjects,
// offers, forms and whether places are left — nothing else. Any member of the school may ask.
import type { DirectoryMentor } from '@/domain/intake';
import { MENTORING_FORMS, type MentoringForm } from '@/domain/types';
import type { AppSupabaseClient } from './client';
import { requestFailure, type RequestFailure } from './failure';
import type { Database } from './database.types';

type DirectoryRow = Database['public']['Functions']['mentor_directory']['Returns'][number];

/** Why the list could not be read; shown as `intake.directory.<reason>`. */
export type MentorDirectoryFailure = RequestFailure;

export class MentorDirectoryError extends Error {
  constructor(readonly reason: MentorDirectoryFailure) {
    super(`mentor directory: ${reason}`);
    this.name = 'MentorDirectoryError';
  }
}

const isForm = (value: unknown): value is MentoringForm =>
  typeof value === 'string' && (MENTORING_FORMS as readonly string[]).includes(value);
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** One row of the answer, or null when it is not the shape the function promises. */
function mentorOf(row: Partial<DirectoryRow> | null): DirectoryMentor | null {
  if (!row || typeof row.participant_id !== 'string' || typeof row.full_name !== 'string') {
    return null;
  }
  return {
    id: row.participant_id,
    fullName: row.full_name,
    subject: textOrNull(row.subject),
    offers: textOrNull(row.offers),
    forms: Array.isArray(row.forms) ? row.forms.filter(isForm) : [],
    hasPlaces: row.has_places === true,
  };
}

export async function fetchMentorDirectory(
  client: AppSupabaseClient,
  schoolId: string,
): Promise<DirectoryMentor[]> {
  let answer;
  try {
    answer = await client.rpc('mentor_directory', { p_school_id: schoolId });
  } catch {
    throw new MentorDirectoryError('network');
  }
  const { data, error, status } = answer;
  // not_allowed: no active membership in that school (anon: no grant at all).
  if (error) throw new MentorDirectoryError(requestFailure(error, status));
  if (!Array.isArray(data)) throw new MentorDirectoryError('unknown');
  return (data as (Partial<DirectoryRow> | null)[])
    .map(mentorOf)
    .filter((m): m is DirectoryMentor => m !== null);
}
