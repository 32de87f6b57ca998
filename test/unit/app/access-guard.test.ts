// The route guard against a session that is still resuming: a reload of a staff-only page
// (the roles known only once the saved session is back) is not sent home before the roles
// are known; once they are, a role that may not open the page is.
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { installAccessGuard } from '@/app/router';
import type { Workspace } from '@/domain/access';

const page = { template: '<p>page</p>' };
function aRouter(workspace: () => Workspace, isSettled: () => boolean) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: page },
      {
        path: '/people/invites',
        name: 'class-invites',
        component: page,
        meta: { action: 'issueInvite' },
      },
    ],
  });
  installAccessGuard(router, workspace, isSettled);
  return router;
}
const deviceOnly: Workspace = { kind: 'device-only' };

describe('the access guard while the session resumes', () => {
  it('does not send a curator home from her staff-only page before her roles are known', async () => {
    const router = aRouter(
      () => deviceOnly,
      () => false,
    );
    await router.push('/people/invites');
    expect(router.currentRoute.value.name).toBe('class-invites');
  });

  it('sends home a workspace that may not open the page once the roles are known', async () => {
    const router = aRouter(
      () => deviceOnly,
      () => true,
    );
    await router.push('/people/invites');
    expect(router.currentRoute.value.name).toBe('home');
  });
});
