// The invite panel on a participant's page in a sync build. The server is reached through the
// app's real supabase-js client; only the network under it is replaced, by a stand-in that
// answers create_invite as PostgREST does (test/db/invites-api.test.ts runs the same call
// against the real database).
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { drawQr } from '@/components/people/inviteQr';
import { appDataContext } from '@/data/context';
import { addParticipant } from '@/data/repos/participants';
import { useSessionStore } from '@/stores/session';
import { mountApp } from '../mountApp';

vi.hoisted(() => {
  vi.stubEnv('VITE_SUPABASE_URL', 'https://school.example');
  vi.stubEnv('VITE_SUPABASE_ANON_KEY', 'sb_publishable_test');
});
// The build mode is read once, when the modules load; later test files must not inherit it.
afterAll(() => vi.unstubAllEnvs());

type Server = (body: Record<string, unknown>) => Response;
let server: Server;
const calls: { url: string; body: Record<string, unknown> }[] = [];
const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

beforeEach(() => {
  calls.length = 0;
  server = () => answer(200, 'ALSA-5K7M');
  vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.method !== 'POST' || !request.url.endsWith('/rest/v1/rpc/create_invite')) {
      throw new Error(`unexpected request ${request.method} ${request.url}`);
    }
    const body = (await request.json()) as Record<string, unknown>;
    calls.push({ url: request.url, body });
    return server(body);
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  Object.defineProperty(navigator, 'onLine', { value: true, configurable: true });
});

let wrapper: VueWrapper | undefined;

async function openParticipant(role: 'curator' | 'school_admin' | 'mentor' = 'curator') {
  const ctx = await appDataContext();
  const student = await addParticipant(ctx, {
    kind: 'student',
    full_name: 'Смирнова Анна',
    class_label: '6Б',
    is_minor: true,
    is_mentor: false,
    is_mentee: true,
  });
  const app = await mountApp('/');
  const session = useSessionStore(app.pinia);
  session.status = 'signed-in';
  session.memberships = [{ school_id: ctx.schoolId, role, participant_id: null }];
  await app.router.push(`/people/${student.id}`);
  wrapper = app.wrapper;
  await vi.waitFor(() =>
    expect(app.wrapper.find('[data-testid="participant-name"]').text()).toBe('Смирнова Анна'),
  );
  return { student, wrapper: app.wrapper };
}

const panel = () => wrapper!.find('[data-testid="invite-panel"]');

describe('issuing an invite code', () => {
  it('shows the code large, its expiry and a QR code of the join link', async () => {
    const { student } = await openParticipant();
    expect((panel().find('input[value="mentee"]').element as HTMLInputElement).checked).toBe(true);
    await panel().find('form').trigger('submit');

    await vi.waitFor(() =>
      expect(panel().find('[data-testid="invite-code-value"]').text()).toBe('ALSA-5K7M'),
    );
    expect(calls).toEqual([
      {
        url: 'https://school.example/rest/v1/rpc/create_invite',
        body: { participant_id: student.id, role: 'mentee', ttl: '14 days' },
      },
    ]);
    const expires = new Date(Date.now() + 14 * 24 * 60 * 60 * 1000);
    const date = new Intl.DateTimeFormat('ru', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
    }).format(expires);
    expect(panel().find('[data-testid="invite-expires"]').text()).toBe(`Действует до ${date}`);

    const joinUrl = `${window.location.origin}/join?code=ALSA-5K7M`;
    await vi.waitFor(() => expect(panel().find('[data-testid="invite-qr"]').exists()).toBe(true));
    const qr = panel().find('[data-testid="invite-qr"]');
    expect(qr.attributes('role')).toBe('img');
    expect(qr.attributes('aria-label')).toContain('ALSA-5K7M');
    expect(qr.find('path').attributes('d')).toBe((await drawQr(joinUrl)).path);
  });

  it('issues the role the curator chooses', async () => {
    const { student } = await openParticipant();
    await panel().find('input[value="mentor"]').setValue(true);
    await panel().find('form').trigger('submit');
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.body).toEqual({ participant_id: student.id, role: 'mentor', ttl: '14 days' });
  });

  it('copies the code with the join link', async () => {
    await openParticipant();
    await panel().find('form').trigger('submit');
    await vi.waitFor(() => expect(panel().find('[data-testid="invite-copy"]').exists()).toBe(true));
    await panel().find('[data-testid="invite-copy"]').trigger('click');
    await vi.waitFor(() =>
      expect(panel().find('[data-testid="invite-outcome"]').text()).toBe('Скопировано'),
    );
    const copied = await navigator.clipboard.readText();
    expect(copied).toContain('ALSA-5K7M');
    expect(copied).toContain(`${window.location.origin}/join?code=ALSA-5K7M`);
  });

  it('explains a refusal from the server and offers the button again', async () => {
    server = () =>
      answer(403, { code: '42501', message: 'invite_not_allowed', details: null, hint: null });
    await openParticipant();
    await panel().find('form').trigger('submit');
    await vi.waitFor(() =>
      expect(panel().find('[data-testid="invite-error"]').text()).toBe(
        'Выдавать коды могут только куратор и администратор этой школы.',
      ),
    );
    expect(panel().find('[data-testid="invite-issue"]').attributes('disabled')).toBeUndefined();
  });

  it('says so when the connection drops on the way', async () => {
    server = () => {
      throw new TypeError('fetch failed');
    };
    await openParticipant();
    await panel().find('form').trigger('submit');
    await vi.waitFor(() =>
      expect(panel().find('[data-testid="invite-error"]').text()).toContain('Нет связи с сервером'),
    );
  });
});

describe('when a code cannot be issued', () => {
  it('offline, it explains that the server is needed instead of offering the button', async () => {
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
    await openParticipant();
    await vi.waitFor(() =>
      expect(panel().find('[data-testid="invite-blocked"]').text()).toContain(
        'Нет подключения к интернету',
      ),
    );
    expect(panel().find('[data-testid="invite-issue"]').exists()).toBe(false);
    expect(calls).toEqual([]);
  });

  it('while the saved session resumes, nothing is offered or explained yet', async () => {
    const ctx = await appDataContext();
    const student = await addParticipant(ctx, {
      kind: 'student',
      full_name: 'Козлов Дима',
      is_minor: true,
      is_mentor: false,
      is_mentee: true,
    });
    const app = await mountApp(`/people/${student.id}`);
    wrapper = app.wrapper;
    await vi.waitFor(() =>
      expect(app.wrapper.find('[data-testid="participant-name"]').text()).toBe('Козлов Дима'),
    );
    expect(useSessionStore(app.pinia).status).toBe('starting');
    expect(panel().exists()).toBe(false);
  });

  it('a mentor sees no invite panel at all', async () => {
    await openParticipant('mentor');
    expect(panel().exists()).toBe(false);
  });
});
