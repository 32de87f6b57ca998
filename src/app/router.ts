// Routes: every view is a lazy chunk (precached by the service worker, so all of them open
// offline after the first visit).
import {
  createRouter,
  createWebHistory,
  START_LOCATION,
  type RouteLocationNormalized,
  type Router,
  type RouteRecordRaw,
} from 'vue-router';
import { mayEver, type Action, type Workspace } from '@/domain/access';
import { withMessages } from '@/i18n';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable by a minor waiting for her parents' consent (nothing there is synced). */
    openWhileWaitingForConsent?: boolean;
    /**
     * The action the page exists for (domain/access.ts): a role without it is sent home.
     * Pair-relative rules (mentor OF THIS pair) are checked again by the page, which has the pair.
     */
    action?: Action;
  }
}

const OPEN_WHILE_WAITING = { openWhileWaitingForConsent: true };
/** The detail pane of a list with nothing open (the list view shows its own hint). */
const EMPTY_DETAIL = { render: () => null };

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('@/views/home/HomeView.vue') },
  {
    path: '/pairs/new',
    name: 'pair-new',
    component: () => import('@/views/pairs/PairFormView.vue'),
    meta: { action: 'createPair' },
  },
  {
    path: '/pairs/approve',
    name: 'pairs-approve',
    component: () => import('@/views/pairs/PairsApproveView.vue'),
    meta: { action: 'approvePair' },
  },
  {
    path: '/pairs/:pairId/edit',
    name: 'pair-edit',
    component: () => import('@/views/pairs/PairFormView.vue'),
    props: true,
    meta: { action: 'editPair' },
  },
  {
    path: '/orders',
    name: 'orders',
    component: () => import('@/views/pairs/OrdersView.vue'),
    meta: { action: 'correctOrder' },
  },
  // The list and the open pair side by side on a tablet (one at a time on a phone).
  {
    path: '/pairs',
    component: () => import('@/views/pairs/PairsView.vue'),
    children: [
      { path: '', name: 'pairs', component: EMPTY_DETAIL },
      {
        path: ':pairId',
        name: 'pair',
        component: () => import('@/views/pairs/PairView.vue'),
        props: true,
      },
    ],
  },
  {
    path: '/pairs/:pairId/plan',
    name: 'plan',
    component: () => import('@/views/plans/PlanView.vue'),
    props: true,
  },
  {
    path: '/pairs/:pairId/meetings/new',
    name: 'meeting-new',
    component: () => import('@/views/meetings/MeetingFormView.vue'),
    props: true,
    meta: { action: 'logMeeting' },
  },
  // Staff enter a meeting from the pair's paper log (marked so): the same form, `paper` set.
  {
    path: '/pairs/:pairId/meetings/paper',
    name: 'meeting-paper',
    component: () => import('@/views/meetings/MeetingFormView.vue'),
    props: (route) => ({ ...route.params, paper: true }),
    meta: { action: 'enterPaperMeeting' },
  },
  {
    path: '/pairs/:pairId/meetings/:meetingId/paper',
    name: 'meeting-paper-edit',
    component: () => import('@/views/meetings/MeetingFormView.vue'),
    props: (route) => ({ ...route.params, paper: true }),
    meta: { action: 'enterPaperMeeting' },
  },
  {
    path: '/pairs/:pairId/meetings/:meetingId',
    name: 'meeting-edit',
    component: () => import('@/views/meetings/MeetingFormView.vue'),
    props: true,
    meta: { action: 'editMeeting' },
  },
  {
    path: '/pairs/:pairId/questionnaires/:participantId/:kind',
    name: 'questionnaire',
    component: () => import('@/views/questionnaires/QuestionnaireView.vue'),
    props: true,
    meta: { action: 'fillQuestionnaire' },
  },
  {
    path: '/people/new',
    name: 'participant-new',
    component: () => import('@/views/people/ParticipantFormView.vue'),
    meta: { action: 'createParticipant' },
  },
  // The school roll from the school's spreadsheet, and a class's printable invite sheet.
  {
    path: '/people/import',
    name: 'roll-import',
    component: withMessages(['roll'], () => import('@/views/people/RollImportView.vue')),
    meta: { action: 'importRoll' },
  },
  {
    path: '/people/invites',
    name: 'class-invites',
    component: withMessages(['roll'], () => import('@/views/people/ClassInvitesView.vue')),
    meta: { action: 'issueInvite' },
  },
  {
    path: '/people',
    component: () => import('@/views/people/PeopleView.vue'),
    children: [
      { path: '', name: 'people', component: EMPTY_DETAIL },
      {
        path: ':participantId',
        name: 'participant',
        component: () => import('@/views/people/ParticipantView.vue'),
        props: true,
      },
    ],
  },
  {
    path: '/meetings',
    name: 'meetings',
    component: () => import('@/views/meetings/MeetingsView.vue'),
  },
  // The school at a glance: the list behind each number of the curator's home.
  {
    path: '/school/:metric',
    name: 'overview-list',
    component: withMessages(['overview'], () => import('@/views/school/OverviewListView.vue')),
    props: true,
    meta: { action: 'viewSchoolOverview' },
  },
  {
    path: '/monitoring',
    name: 'monitoring',
    component: withMessages(['monitoring'], () => import('@/views/monitoring/MonitoringView.vue')),
    meta: { action: 'viewMonitoring' },
  },
  {
    path: '/documents',
    name: 'documents',
    component: withMessages(['documents'], () => import('@/views/documents/DocumentsView.vue')),
    meta: { action: 'producePaperwork' },
  },
  {
    path: '/exports',
    name: 'exports',
    component: withMessages(['exports'], () => import('@/views/documents/ExportsView.vue')),
    meta: { action: 'producePaperwork' },
  },
  // The municipal KPI table for a year or a half-year (its sheet's labels are the exports').
  {
    path: '/kpi',
    name: 'kpi',
    component: withMessages(['kpi', 'exports'], () => import('@/views/kpi/KpiView.vue')),
    meta: { action: 'viewKpis' },
  },
  // The municipal coordinator's monitoring of every school of her municipality (the server
  // decides who coordinates; the page says so to anyone else).
  {
    path: '/municipality',
    name: 'municipality',
    component: withMessages(
      ['municipality', 'kpi', 'exports'],
      () => import('@/views/municipality/MunicipalityView.vue'),
    ),
  },
  // Intake questionnaires: her own on the phone, or staff entering anyone's from paper.
  {
    path: '/intake',
    name: 'intake',
    component: withMessages(['intake'], () => import('@/views/intake/IntakeView.vue')),
    meta: { action: 'fillIntake' },
  },
  {
    path: '/people/:participantId/intake',
    name: 'participant-intake',
    component: withMessages(['intake'], () => import('@/views/intake/IntakeView.vue')),
    props: true,
    meta: { action: 'enterIntake' },
  },
  {
    path: '/matching',
    name: 'matching',
    component: withMessages(['matching'], () => import('@/views/matching/MatchingView.vue')),
    meta: { action: 'matchPairs' },
  },
  // The programme year: its dates, the seven-stage roadmap, closing it into the next year.
  {
    path: '/year',
    name: 'year',
    component: withMessages(['year'], () => import('@/views/year/YearView.vue')),
    meta: { action: 'manageProgrammeYear' },
  },
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('@/views/account/SignInView.vue'),
    meta: OPEN_WHILE_WAITING,
  },
  // The address inside an invite QR code: sign-in with the code from ?code= filled in.
  {
    path: '/join',
    name: 'join',
    component: () => import('@/views/account/SignInView.vue'),
    meta: OPEN_WHILE_WAITING,
  },
  {
    path: '/sync-issues',
    name: 'sync-issues',
    component: withMessages(['syncIssues'], () => import('@/views/account/SyncIssuesView.vue')),
  },
  {
    path: '/settings',
    name: 'settings',
    component: withMessages(['backup'], () => import('@/views/settings/SettingsView.vue')),
    meta: OPEN_WHILE_WAITING,
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/errors/NotFoundView.vue'),
  },
];

/** May the workspace open this route at all (its meta.action, by the access table)? */
export function isRouteAllowed(to: Pick<RouteLocationNormalized, 'meta'>, workspace: Workspace) {
  return !to.meta.action || mayEver(workspace, to.meta.action);
}

/**
 * Sends a role away from a route it may not use (back home, with nothing of the page shown).
 * A signed-in user's roles are known only once her session has resumed (`isSettled`): until
 * then a route is let through (the screens wait for her database meanwhile), and App.vue
 * sends her home once the roles are known if they do not allow it — so a curator reloading a
 * staff-only page stays on it.
 */
export function installAccessGuard(
  router: Router,
  workspace: () => Workspace,
  isSettled: () => boolean = () => true,
): void {
  router.beforeEach((to) =>
    isRouteAllowed(to, workspace()) || !isSettled() ? true : { name: 'home' },
  );
}

export function createAppRouter(workspace: () => Workspace, isSettled?: () => boolean) {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    // A fresh load keeps the browser's position (no forced layout in a start-up task).
    scrollBehavior: (_to, from, saved) => saved ?? (from === START_LOCATION ? false : { top: 0 }),
  });
  installAccessGuard(router, workspace, isSettled);
  return router;
}
