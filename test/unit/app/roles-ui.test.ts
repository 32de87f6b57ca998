// Every role walks the app's routes: each action control a screen shows (data-action) is one
// the role rule table (domain/access.ts) allows, each allowed action of a page is shown, and
// the route guard sends a role away from a page made for an action it does not hold.
// test/db/roles-server.test.ts proves the same table against the server's policies.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import type { Membership } from '@/api/auth';
import { logMeeting } from '@/data/repos/meetings';
import { addTask, createPlan } from '@/data/repos/plans';
import { can, mayEver, workspaceOf, type AccessContext, type Action } from '@/domain/access';
import { useSessionStore } from '@/stores/session';
import { aPairWithPeople } from '../data/context';
import { useFreshDatabase } from '../views/people/support';
import { mountApp } from '../views/mountApp';

let mounted: VueWrapper | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const ROLES = ['school_admin', 'curator', 'mentor', 'mentee', 'device-only'] as const;
type Role = (typeof ROLES)[number];

describe('each role sees exactly the actions the table gives it', () => {
  const db = useFreshDatabase();

  async function world() {
    const ctx = db();
    const people = await aPairWithPeople(ctx);
    const plan = await createPlan(ctx, people.pair.id, {
      title: 'План Анны',
      menteeId: people.mentee.id,
    });
    await addTask(ctx, plan.id, null, { title: 'Прочитать главу о дробях' });
    await logMeeting(
      ctx,
      people.pair.id,
      { type: 'regular', held_on: '2026-11-20', duration_min: 40, format: 'in_person' },
      '2026-11-25',
    );
    return people;
  }

  function membershipsOf(role: Role, people: Awaited<ReturnType<typeof world>>): Membership[] {
    if (role === 'device-only') return [];
    const seat = role === 'mentor' ? people.mentor.id : role === 'mentee' ? people.mentee.id : null;
    return [{ school_id: db().schoolId, role, participant_id: seat }];
  }

  /** Visible action controls after the page has settled (its live queries delivered). */
  async function actionsOn(wrapper: VueWrapper, ready: string): Promise<Set<string>> {
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.find(ready).exists()).toBe(true);
    });
    await flushPromises();
    return new Set(
      wrapper.findAll('main [data-action]').map((el) => el.attributes('data-action')!),
    );
  }

  for (const role of ROLES) {
    // A cold first run loads every lazy page of the app: the bound is for that, not the check.
    it(
      `${role}: every route shows the allowed actions and no other`,
      { timeout: 30_000 },
      async () => {
        const people = await world();
        const memberships = membershipsOf(role, people);
        const workspace = workspaceOf(memberships, null);
        const pair = { mentors: [people.mentor], mentees: [people.mentee] };
        const seat = memberships[0]?.participant_id ?? null;
        const app = await mountApp('/');
        mounted = app.wrapper;
        useSessionStore(app.pinia).memberships = memberships;

        /** The person an action on this page is about: her own seat, or the mentee. */
        const contextFor = (action: Action, participantId: string): AccessContext =>
          action === 'fillQuestionnaire'
            ? { pair, participantId: seat ?? participantId }
            : { pair, participantId };

        // Each page: where it is, what marks it loaded, the actions it offers when allowed, and
        // the person its actions are about.
        // `only`: a page the role's guard lets in (else it is the guard test's business).
        const pages: {
          path: string;
          ready: string;
          offers: Action[];
          person: string;
          only?: Action;
        }[] = [
          {
            path: '/pairs',
            ready: '[data-testid="pair-card"]',
            // The pair is a draft: staff get «Утвердить черновики» and the orders.
            offers: ['createPair', 'approvePair', 'correctOrder'],
            person: people.mentee.id,
          },
          {
            path: `/pairs/${people.pair.id}`,
            ready: '[data-testid="meeting-item"]',
            offers: [
              'logMeeting',
              'editMeeting',
              'approvePair',
              'editPair',
              'enterPaperMeeting',
              'confirmMeeting',
              'requestMentorChange',
            ],
            person: people.mentee.id,
          },
          {
            path: `/pairs/${people.pair.id}/plan`,
            ready: '[data-testid="plan-task"]',
            offers: ['writePlan', 'markTaskDone'],
            person: people.mentee.id,
          },
          {
            path: '/people',
            ready: '[data-testid="participant-item"]',
            offers: ['createParticipant', 'importRoll', 'issueInvite'],
            person: people.mentee.id,
          },
          {
            path: `/people/${people.mentee.id}`,
            ready: '[data-testid="participant-details"]',
            // issueInvite needs a server: in device-only builds (these tests) no panel at all.
            offers: ['editParticipant', 'recordConsent', 'revokeConsent', 'recordTraining'],
            person: people.mentee.id,
          },
          {
            path: '/meetings',
            ready: '[data-testid="meeting-item"]',
            offers: ['editMeeting'],
            person: people.mentee.id,
          },
          {
            path: '/kpi',
            ready: '[data-testid="kpi-validity"]',
            offers: [
              'producePaperwork',
              'recordSchoolDocument',
              'setKpiValues',
              'setTrainingValidity',
            ],
            person: people.mentee.id,
            only: 'viewKpis',
          },
        ];

        for (const page of pages) {
          if (page.only && !mayEver(workspace, page.only)) continue;
          await app.router.push(page.path);
          await actionsOn(app.wrapper, page.ready);
          // Parts of a page load their own data after its marker (the approval form its pair):
          // wait, within a bound, until the offered actions match the table, then compare.
          const expected = page.offers.map((action) => ({
            page: page.path,
            action,
            shown: can(workspace, action, contextFor(action, page.person)),
          }));
          let visible = new Set<string>();
          await vi
            .waitFor(
              async () => {
                visible = await actionsOn(app.wrapper, page.ready);
                expect(page.offers.map((a) => visible.has(a))).toEqual(
                  expected.map((e) => e.shown),
                );
              },
              { timeout: 3000 },
            )
            .catch(() => undefined); // the precise comparison below names what differs
          for (const action of visible) {
            expect({
              page: page.path,
              action,
              allowed: can(workspace, action as Action, contextFor(action as Action, page.person)),
            }).toEqual({ page: page.path, action, allowed: true });
          }
          expect(
            page.offers.map((action) => ({ page: page.path, action, shown: visible.has(action) })),
          ).toEqual(expected);
        }
      },
    );

    it(
      `${role}: the guard keeps the pages of actions it does not hold closed`,
      { timeout: 30_000 },
      async () => {
        const people = await world();
        const memberships = membershipsOf(role, people);
        const workspace = workspaceOf(memberships, null);
        const app = await mountApp('/');
        mounted = app.wrapper;
        useSessionStore(app.pinia).memberships = memberships;
        const STAFF_AND_DEVICE = ['device-only', 'school_admin', 'curator'];
        // Each guarded page, its action, and who may open it (written out, not read from the table).
        const guarded: [string, Action, readonly string[]][] = [
          ['/pairs/new', 'createPair', STAFF_AND_DEVICE],
          ['/people/new', 'createParticipant', STAFF_AND_DEVICE],
          [`/pairs/${people.pair.id}/meetings/new`, 'logMeeting', ['device-only', 'mentor']],
          ['/pairs/approve', 'approvePair', STAFF_AND_DEVICE],
          [`/pairs/${people.pair.id}/edit`, 'editPair', STAFF_AND_DEVICE],
          ['/orders', 'correctOrder', STAFF_AND_DEVICE],
          [
            `/pairs/${people.pair.id}/meetings/paper`,
            'enterPaperMeeting',
            ['school_admin', 'curator'],
          ],
          ['/school/pairs', 'viewSchoolOverview', STAFF_AND_DEVICE],
          ['/monitoring', 'viewMonitoring', STAFF_AND_DEVICE],
          ['/kpi', 'viewKpis', STAFF_AND_DEVICE],
          ['/year', 'manageProgrammeYear', STAFF_AND_DEVICE],
          ['/people/import', 'importRoll', STAFF_AND_DEVICE],
          ['/people/invites', 'issueInvite', ['school_admin', 'curator']],
          [`/people/${people.mentee.id}/intake`, 'enterIntake', STAFF_AND_DEVICE],
        ];
        for (const [path, action, openers] of guarded) {
          await app.router.push('/settings');
          await app.router.push(path);
          const mayOpen = openers.includes(role);
          expect({ path, at: app.router.currentRoute.value.path }).toEqual({
            path,
            at: mayOpen ? path : '/',
          });
          // The table agrees with what the guard did.
          expect(mayOpen).toBe(
            can(workspace, action, {
              pair: { mentors: [people.mentor], mentees: [people.mentee] },
            }),
          );
        }
      },
    );
  }
});
