// Routes: every view is a lazy chunk (precached by the service worker, so all of them open
// offline after the first visit).
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('@/views/home/HomeView.vue') },
  { path: '/pairs', name: 'pairs', component: () => import('@/views/pairs/PairsView.vue') },
  {
    path: '/meetings',
    name: 'meetings',
    component: () => import('@/views/meetings/MeetingsView.vue'),
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
