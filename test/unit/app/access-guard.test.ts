// The route guard against a session that is still resuming: a reload of a staff-only page
// (its roles known only once the saved session is back) waits for them instead of sending
// the curator home; a role that may not open the page is still sent home.
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { installAccessGuard } from '@/app/router';
import type { Workspace } from '@/domain/access';

const page = { template: '<p>page</p>' };
function aRouter(workspace: () => Workspace, settled: () => Promise<unknown>) {
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
  installAccessGuard(router, workspace, settled);
  return router;
}
const school = (role: 'curator' | 'mentee'): Workspace => ({
  kind: 'school',
  schoolId: 's1',
  seats: [{ role, participantId: role === 'curator' ? null : 'p1' }],
});

describe('the access guard while the session resumes', () => {
  it('keeps a curator on her staff-only page once her roles are known', async () => {
    let current: Workspace = { kind: 'device-only' };
    let resume!: () => void;
    const settled = new Promise<void>((resolve) => (resume = resolve));
    const router = aRouter(
      () => current,
      () => settled,
    );
    const going = router.push('/people/invites');
    current = school('curator');
    resume();
    await going;
    expect(router.currentRoute.value.name).toBe('class-invites');
  });

  it('still sends home a role that may not open the page', async () => {
    let current: Workspace = { kind: 'device-only' };
    const router = aRouter(
      () => current,
      async () => {
        current = school('mentee');
      },
    );
    await router.push('/people/invites');
    expect(router.currentRoute.value.name).toBe('home');
  });
});
