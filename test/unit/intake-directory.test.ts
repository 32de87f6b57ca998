// A mentee chooses her mentors on her own phone in a sync build: before pairing her device
// holds no mentor's card, so online the intake asks the server for the school's mentor
// directory, keeps it, and offers those mentors (saying who has no places left); offline it
// shows the list kept last, or says plainly that the list is not on this phone yet. The app's
// real supabase-js client is used; only the network under it is replaced, by a stand-in that
// answers mentor_directory as PostgREST does (test/db/mentor-directory.test.ts runs the same
// call against the real database).
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { appDataContext } from '@/data/context';
import { addParticipant } from '@/data/repos/participants';
import { keepMentorDirectory, readIntake, readMentorDirectory } from '@/data/repos/intakes';
import { useSessionStore } from '@/stores/session';
import { mountApp } from './views/mountApp';

vi.hoisted(() => {
  vi.stubEnv('VITE_SUPABASE_URL', 'https://school.example');
  vi.stubEnv('VITE_SUPABASE_ANON_KEY', 'sb_publishable_test');
});
// The build mode is read once, when the modules load; later test files must not inherit it.
afterAll(() => vi.unstubAllEnvs());

const PETROVA = '0b9a1c52-6f0e-4d7c-9a55-000000000001';
const SOKOLOV = '0b9a1c52-6f0e-4d7c-9a55-000000000002';
/** The rows public.mentor_directory() returns for the school. */
const DIRECTORY_ROWS = [
  {
    participant_id: PETROVA,
    full_name: 'Петрова Анна',
    subject: 'Математика',
    offers: 'Олимпиадная математика, подготовка к ЕГЭ',
    forms: ['uchitel_uchitel'],
    has_places: true,
  },
  {
    participant_id: SOKOLOV,
    full_name: 'Соколов Борис',
    subject: 'История',
    offers: 'Краеведение',
    forms: ['uchitel_uchitel'],
    has_places: false,
  },
];

type Server = (body: Record<string, unknown>) => Response;
let server: Server;
const calls: Record<string, unknown>[] = [];
const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
const setOnline = (value: boolean) =>
  Object.defineProperty(navigator, 'onLine', { value, configurable: true });

beforeEach(() => {
  calls.length = 0;
  server = () => answer(200, DIRECTORY_ROWS);
  vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.method !== 'POST' || !request.url.endsWith('/rest/v1/rpc/mentor_directory')) {
      throw new Error(`unexpected request ${request.method} ${request.url}`);
    }
    const body = (await request.json()) as Record<string, unknown>;
    calls.push(body);
    return server(body);
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  setOnline(true);
});

let wrapper: VueWrapper | undefined;

/** Ларина, a young teacher, opens her own mentee intake on her phone. */
async function openOwnIntake() {
  const ctx = await appDataContext();
  const larina = await addParticipant(ctx, {
    kind: 'teacher',
    full_name: 'Ларина Анастасия',
    is_minor: false,
    is_mentor: false,
    is_mentee: true,
  });
  const app = await mountApp('/');
  const session = useSessionStore(app.pinia);
  session.status = 'signed-in';
  session.memberships = [{ school_id: ctx.schoolId, role: 'mentee', participant_id: larina.id }];
  await app.router.push('/intake');
  wrapper = app.wrapper;
  await vi.waitFor(() =>
    expect(wrapper!.find('[data-testid="intake-mentor-choice"]').exists()).toBe(true),
  );
  return { ctx, larina };
}

const choice = () => wrapper!.get('[data-testid="intake-mentor-choice"]');
const options = () =>
  choice()
    .findAll('[data-testid="intake-add-mentor"] option')
    .map((o) => o.text());

describe('the school’s mentors in her own intake', () => {
  it('lists them online, says who is full, and saves her choice', async () => {
    const { ctx, larina } = await openOwnIntake();
    await vi.waitFor(() => expect(options()).toHaveLength(3));
    expect(calls).toEqual([{ p_school_id: ctx.schoolId }]);
    expect(options()).toEqual([
      'Выберите наставника',
      'Петрова Анна (Математика)',
      'Соколов Борис (История) — мест нет',
    ]);
    expect(choice().find('[data-testid="intake-directory-status"]').exists()).toBe(false);

    await wrapper!.get('textarea[name="request"]').setValue('Подготовка к ЕГЭ по математике');
    await choice().get('[data-testid="intake-add-mentor"]').setValue(SOKOLOV);
    await choice().get('[data-testid="intake-add-mentor"]').setValue(PETROVA);
    const chosen = choice().findAll('[data-testid="intake-chosen"] li');
    expect(chosen[0]!.text()).toContain('1. Соколов Борис (История)');
    expect(chosen[0]!.text()).toContain('Свободных мест у наставника сейчас нет');
    // What she asks against what Петрова offers, from the directory.
    expect(chosen[1]!.get('[data-testid="intake-chosen-match"]').text()).toBe(
      'Совпадает: математика, егэ',
    );

    await wrapper!.get('[data-testid="intake-form"]').trigger('submit');
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-testid="intake-saved"]').exists()).toBe(true),
    );
    expect(await readIntake(ctx, larina.id, 'mentee')).toMatchObject({
      preferred_mentor_ids: [SOKOLOV, PETROVA],
    });
    const kept = await readMentorDirectory(ctx, ctx.schoolId);
    expect(kept?.mentors.map((m) => m.fullName)).toEqual(['Петрова Анна', 'Соколов Борис']);
  });

  it('offline with no list kept, says the list is not available offline yet', async () => {
    setOnline(false);
    await openOwnIntake();
    await vi.waitFor(() =>
      expect(choice().get('[data-testid="intake-directory-status"]').text()).toBe(
        'Без интернета список наставников школы пока недоступен: он появится, когда телефон будет в сети.',
      ),
    );
    expect(choice().find('[data-testid="intake-add-mentor"]').exists()).toBe(false);
    expect(calls).toEqual([]);
  });

  it('offline, offers the list kept last and says from when', async () => {
    setOnline(false);
    const ctx = await appDataContext();
    await keepMentorDirectory(
      ctx,
      ctx.schoolId,
      [
        {
          id: PETROVA,
          fullName: 'Петрова Анна',
          subject: 'Математика',
          offers: null,
          forms: [],
          hasPlaces: true,
        },
      ],
      new Date('2026-11-20T09:00:00Z'),
    );
    await openOwnIntake();
    await vi.waitFor(() => expect(options()).toHaveLength(2));
    expect(options()[1]).toBe('Петрова Анна (Математика)');
    expect(choice().get('[data-testid="intake-directory-status"]').text()).toBe(
      'Нет интернета: показан список наставников от 20 нояб. 2026 г., он может быть неполным.',
    );
    expect(calls).toEqual([]);
  });

  it('says so when the server refuses, and offers nothing it did not list', async () => {
    server = () => answer(403, { code: '42501', message: 'not_member', details: null, hint: null });
    await openOwnIntake();
    await vi.waitFor(() =>
      expect(choice().get('[data-testid="intake-directory-status"]').text()).toBe(
        'Не удалось получить список наставников школы. Назовите выбранных наставников куратору или попробуйте позже.',
      ),
    );
    expect(choice().find('[data-testid="intake-add-mentor"]').exists()).toBe(false);
  });
});
