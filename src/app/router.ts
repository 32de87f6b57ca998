// Routes: every view is a lazy chunk (precached by the service worker, so all of them open
// offline after the first visit).
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('@/views/home/HomeView.vue') },
  { path: '/pairs', name: 'pairs', component: () => import('@/views/pairs/PairsView.vue') },
  {
    path: '/pairs/new',
    name: 'pair-new',
    component: () => import('@/views/pairs/PairFormView.vue'),
  },
  {
    path: '/pairs/:pairId',
    name: 'pair',
    component: () => import('@/views/pairs/PairView.vue'),
    props: true,
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
  },
  {
    path: '/pairs/:pairId/meetings/:meetingId',
    name: 'meeting-edit',
    component: () => import('@/views/meetings/MeetingFormView.vue'),
    props: true,
  },
  {
    path: '/pairs/:pairId/questionnaires/:participantId/:kind',
    name: 'questionnaire',
    component: () => import('@/views/questionnaires/QuestionnaireView.vue'),
    props: true,
  },
  { path: '/people', name: 'people', component: () => import('@/views/people/PeopleView.vue') },
  {
    path: '/people/new',
    name: 'participant-new',
    component: () => import('@/views/people/ParticipantFormView.vue'),
  },
  {
    path: '/people/:participantId',
    name: 'participant',
    component: () => import('@/views/people/ParticipantView.vue'),
    props: true,
  },
  {
    path: '/meetings',
    name: 'meetings',
    component: () => import('@/views/meetings/MeetingsView.vue'),
  },
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('@/views/account/SignInView.vue'),
  },
  // The address inside an invite QR code: sign-in with the code from ?code= filled in.
  { path: '/join', name: 'join', component: () => import('@/views/account/SignInView.vue') },
  {
    path: '/sync-issues',
    name: 'sync-issues',
    component: () => import('@/views/account/SyncIssuesView.vue'),
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('@/views/settings/SettingsView.vue'),
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/errors/NotFoundView.vue'),
  },
];

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });
}
