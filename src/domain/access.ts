// Who may do what inside a school (../shared/DOMAIN.md, "Who may read and change what"): ONE
// table, read by the route guards (router meta), by every action control a screen shows
// (data-action="<action>"), and by the access tests against the server's policies
// (test/db/roles-server.test.ts runs each action's SQL as each role). What the UI does not
// offer, the server refuses; what the server refuses, the UI does not offer.
// Device-only mode has no account: its one user keeps the bases and mentors every pair.
import type { PairPeople } from './pairs';

export type MembershipRole = 'school_admin' | 'curator' | 'mentor' | 'mentee';
/** Who acts: a membership role in the workspace's school, or the device-only user. */
export type Actor = MembershipRole | 'device-only';
export const ACTORS = ['school_admin', 'curator', 'mentor', 'mentee', 'device-only'] as const;

export interface MembershipLike {
  school_id: string;
  role: string;
  participant_id: string | null;
}

/** One of the user's seats in the workspace's school: a role, and for pair roles her card. */
export interface Seat {
  role: MembershipRole;
  participantId: string | null;
}

/**
 * Where and as whom the user is acting: one school (later: a municipality) and the roles she
 * holds there. New rows take `schoolId`; the screens list that school's rows.
 */
export type Workspace =
  /** No membership: the device's own database and its local school (device-only mode, or
   *  not signed in yet, or in no school yet); its user keeps the bases and every pair. */
  { kind: 'device-only' } | { kind: 'school'; schoolId: string; seats: readonly Seat[] };

const ROLE_RANK: Record<MembershipRole, number> = {
  school_admin: 0,
  curator: 1,
  mentor: 2,
  mentee: 3,
};
const isMembershipRole = (role: string): role is MembershipRole => role in ROLE_RANK;

/** The schools the user belongs to, each once, in a stable order (never "the first row"). */
export function workspaceSchools(memberships: readonly MembershipLike[]): string[] {
  const best = new Map<string, number>();
  for (const m of memberships) {
    if (!isMembershipRole(m.role)) continue;
    const rank = ROLE_RANK[m.role];
    best.set(m.school_id, Math.min(best.get(m.school_id) ?? rank, rank));
  }
  return [...best.entries()]
    .sort(([a, ra], [b, rb]) => ra - rb || a.localeCompare(b))
    .map(([school]) => school);
}

/**
 * The workspace: the school the user chose (kept per user), while she still belongs to it;
 * else the school where she holds her highest role (staff before mentor before mentee), ties
 * by school id. `memberships[0]` never chooses: the server returns rows in no promised order.
 */
export function workspaceOf(
  memberships: readonly MembershipLike[],
  chosenSchoolId: string | null,
): Workspace {
  const schools = workspaceSchools(memberships);
  if (schools.length === 0) return { kind: 'device-only' };
  const schoolId =
    chosenSchoolId && schools.includes(chosenSchoolId) ? chosenSchoolId : schools[0]!;
  const seats = memberships
    .filter((m) => m.school_id === schoolId && isMembershipRole(m.role))
    .map((m) => ({ role: m.role as MembershipRole, participantId: m.participant_id }));
  return { kind: 'school', schoolId, seats };
}

export const isStaffActor = (actor: Actor) => actor === 'school_admin' || actor === 'curator';

/** The actors the workspace acts as (a person may be a mentor and a mentee in one school). */
export function actorsOf(workspace: Workspace): Actor[] {
  if (workspace.kind === 'device-only') return ['device-only'];
  return [...new Set(workspace.seats.map((s) => s.role))];
}

/**
 * How a role gets an action:
 * - 'any': holding the role in the workspace's school is enough;
 * - 'pairMentor': her mentor seat is on the mentor side of THIS pair (context.pair);
 * - 'pairMentee': her mentee seat is on the mentee side of THIS pair, and the person concerned
 *   (context.participantId: who confirms, who asks, whose plan) is that seat;
 * - 'self': the person concerned is her own seat of that role (and a member of context.pair).
 */
export type Grant = 'any' | 'pairMentor' | 'pairMentee' | 'self';

export const ACCESS = {
  // People and their consents (participants, participant_sensitive, consents: staff write).
  viewConsents: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  createParticipant: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  editParticipant: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // A mentor edits her own phone and e-mail (participants_update_own_contacts), nothing else.
  editOwnContacts: { mentor: 'self' },
  editSensitive: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  recordConsent: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  revokeConsent: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // Invites are issued by the server (create_invite): a device-only install has none.
  issueInvite: { school_admin: 'any', curator: 'any' },
  // Pairs (pairs, pair_members: staff write).
  createPair: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  approvePair: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // Edit or delete a draft pair; add or remove members of a group (pair_members: staff write).
  editPair: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // End a pair as completed or early, with a reason.
  endPair: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // Correct an approval order's number or date on every pair it approved (history kept).
  correctOrder: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // After an accepted request: the mentee continues with a new mentor (the old pair is kept).
  replaceMentor: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // A person leaves the programme: her pairs end or she leaves her groups (shown first).
  archiveParticipant: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // The school at a glance, its triage and the monitoring results (the whole school's rows).
  viewSchoolOverview: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  snoozeTriage: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  viewMonitoring: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // Orders, plans and reports as documents, and the school's tables as spreadsheets: built
  // from what the role reads (the whole school's rows), so staff only.
  producePaperwork: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // Matching mentees without a pair to mentors with free places (creates draft pairs).
  matchPairs: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // The school roll (контингент) imported from the school's spreadsheet, and undone.
  importRoll: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // The programme year: its dates, its roadmap's tasks, closing it into the next year.
  manageProgrammeYear: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // Intake questionnaires: the person fills her own; staff enter anyone's (from paper).
  fillIntake: { mentor: 'self', mentee: 'self' },
  enterIntake: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // A teacher's or manager's courses (36 h+ and valid count in the KPIs), and staff records.
  recordTraining: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // The municipal KPI table: read it, set the school's targets and the counts the app cannot
  // make, and record the school's adopted documents (its yes/no rows).
  viewKpis: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  setKpiValues: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  recordSchoolDocument: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // How many years a 36-hour course counts (schools.training_valid_years): the director's
  // setting, not the curator's (private.guard_school_update).
  setTrainingValidity: { school_admin: 'any', 'device-only': 'any' },
  // Meetings and the mentor's private note (mentors of the pair write; others read).
  logMeeting: { mentor: 'pairMentor', 'device-only': 'any' },
  editMeeting: { mentor: 'pairMentor', 'device-only': 'any' },
  writePrivateNote: { mentor: 'pairMentor', 'device-only': 'any' },
  // Staff enter a meeting from the pair's paper log (marked so; its mentor sees and edits it).
  // Device-only: its one user is the mentor of every pair, so she logs meetings herself.
  enterPaperMeeting: { school_admin: 'any', curator: 'any' },
  // One confirmation per mentee and meeting, written by that mentee only.
  confirmMeeting: { mentee: 'pairMentee' },
  // The development plan: mentors write (create, goals, tasks, tick off); staff read.
  writePlan: { mentor: 'pairMentor', 'device-only': 'any' },
  // The mentee's «Я выполнил(а)» and comment on a task of HER plan (mentee_done_at/comment).
  markTaskDone: { mentee: 'pairMentee' },
  // A mentee asks for another mentor for herself; staff resolve.
  requestMentorChange: { mentee: 'pairMentee' },
  resolveMentorChange: { school_admin: 'any', curator: 'any', 'device-only': 'any' },
  // Questionnaires: the person herself, or staff entering answers from paper.
  fillQuestionnaire: {
    school_admin: 'any',
    curator: 'any',
    mentor: 'self',
    mentee: 'self',
    'device-only': 'any',
  },
} as const satisfies Record<string, Partial<Record<Actor, Grant>>>;

export type Action = keyof typeof ACCESS;
export const ACTIONS = Object.keys(ACCESS) as Action[];

/**
 * Where the server accepts more than the UI offers, on purpose, with why. The server test
 * asserts these are accepted too; everything else outside the table must be refused.
 */
export const SERVER_ALSO_ACCEPTS: Partial<Record<Action, readonly Actor[]>> = {
  // mentor_change_requests_insert lets staff record a request made on paper; no screen yet.
  requestMentorChange: ['school_admin', 'curator'],
  // meetings_insert lets staff insert a meeting of any pair of their school: it is a paper
  // meeting (entered_by_staff, set by the server); the screen for it is enterPaperMeeting.
  logMeeting: ['school_admin', 'curator'],
  // Staff edit the whole card (editParticipant), contacts included.
  editOwnContacts: ['school_admin', 'curator'],
  // intakes_insert lets staff write anyone's intake: that is enterIntake (from paper).
  fillIntake: ['school_admin', 'curator'],
};

export interface AccessContext {
  /** The pair the action is about (pair-relative grants). */
  pair?: PairPeople | null;
  /** The person the action is about: who confirms, who asks, whose plan or questionnaire. */
  participantId?: string | null;
}

function granted(grant: Grant, seat: Seat, context: AccessContext): boolean {
  if (grant === 'any') return true;
  const me = seat.participantId;
  if (me === null) return false;
  const pair = context.pair;
  if (grant === 'pairMentor') return !!pair && pair.mentors.some((p) => p.id === me);
  if (grant === 'pairMentee') {
    if (!pair || !pair.mentees.some((p) => p.id === me)) return false;
    return context.participantId == null || context.participantId === me;
  }
  // 'self'
  if (context.participantId !== me) return false;
  return !pair || [...pair.mentors, ...pair.mentees].some((p) => p.id === me);
}

/** May the user, acting in `workspace`, do `action` (on this pair / for this person)? */
export function can(workspace: Workspace, action: Action, context: AccessContext = {}): boolean {
  const rules: Partial<Record<Actor, Grant>> = ACCESS[action];
  if (workspace.kind === 'device-only') return rules['device-only'] !== undefined;
  return workspace.seats.some((seat) => {
    const grant = rules[seat.role];
    return grant !== undefined && granted(grant, seat, context);
  });
}

/**
 * Does the workspace hold the action at all, whatever the pair or person (a route guard: the
 * page itself checks the pair-relative rule once it has the pair)?
 */
export function mayEver(workspace: Workspace, action: Action): boolean {
  const rules: Partial<Record<Actor, Grant>> = ACCESS[action];
  return actorsOf(workspace).some((actor) => rules[actor] !== undefined);
}

/** The user's own seat in a pair on the given side (she confirms and asks for herself only). */
export function seatIn(
  workspace: Workspace,
  pair: PairPeople | null | undefined,
  side: 'mentor' | 'mentee',
): string | null {
  if (workspace.kind !== 'school' || !pair) return null;
  const people = side === 'mentor' ? pair.mentors : pair.mentees;
  const seat = workspace.seats.find(
    (s) => s.role === side && people.some((p) => p.id === s.participantId),
  );
  return seat?.participantId ?? null;
}

/** Staff of the workspace's school, or the device-only user (who keeps the bases). */
export function isStaffWorkspace(workspace: Workspace): boolean {
  return actorsOf(workspace).some((a) => isStaffActor(a) || a === 'device-only');
}

/** The user's own participant ids in the workspace's school. */
export function ownParticipantIds(workspace: Workspace): string[] {
  if (workspace.kind !== 'school') return [];
  return workspace.seats.map((s) => s.participantId).filter((id): id is string => id !== null);
}
