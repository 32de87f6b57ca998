// JWT claims of the people in the seed, as PostgREST would put them in request.jwt.claims.
import type { Claims } from '../support/db';
import { USERS } from './seed-ids';

export const UNREDEEMED_ANONYMOUS_USER = 'a3000000-0000-4000-8000-000000000099';

const user = (sub: string, extra: Partial<Claims> = {}): Claims => ({
  sub,
  role: 'authenticated',
  aud: 'authenticated',
  is_anonymous: false,
  ...extra,
});

export const actors = {
  anon: { role: 'anon' } as Claims,
  mentee: user(USERS.mentee),
  mentor: user(USERS.mentor),
  curator: user(USERS.curator),
  school_admin: user(USERS.schoolAdmin),
  coordinator: user(USERS.coordinator),
  member_of_other_school: user(USERS.otherSchoolCurator),
  anonymous_unredeemed: user(UNREDEEMED_ANONYMOUS_USER, { is_anonymous: true }),
  // Софья, a mentee of the group P3 beside Егор: reads her own rows, never his.
  group_mentee: user(USERS.groupMentee, { is_anonymous: true }),
} satisfies Record<string, Claims>;

/** People outside the matrix, for targeted tests. */
export const others = {
  mentor2: user(USERS.mentor2), // Белоусов, e-mail account
  groupMentee2: user(USERS.groupMentee2, { is_anonymous: true }), // Егор, Софья's group mate
  dmitry: user(USERS.anonymousMentee, { is_anonymous: true }),
  menteeTeacher2: user(USERS.menteeTeacher2), // Сидоренко
} satisfies Record<string, Claims>;

export type ActorName = keyof typeof actors;

export const serviceRole: Claims = { role: 'service_role' };

export function anonymousUser(sub: string): Claims {
  return user(sub, { is_anonymous: true });
}

export function asClaims(sub: string): Claims {
  return user(sub);
}

/** SQL that registers an auth user (run as the superuser fixture). */
export function insertAuthUserSql(
  id: string,
  opts: { email?: string; anonymous?: boolean } = {},
): string {
  const email = opts.email ? `'${opts.email}'` : 'null';
  return `insert into auth.users (id, aud, role, email, is_anonymous)
          values ('${id}', 'authenticated', 'authenticated', ${email}, ${opts.anonymous ?? !opts.email})`;
}
