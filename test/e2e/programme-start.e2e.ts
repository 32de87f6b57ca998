// The start of the programme on the curator's tablet (1024×768) in Chromium, against the real
// database (support/backend.ts): ten pupils in the base of mentees and four teachers in the base
// of mentors, each with her intake (a mentor's capacity and what she offers; a mentee's request,
// interests and the mentor she named). «Подобрать всем» proposes a mentor for each of the ten
// with why, no mentor above her capacity (four pupils name Соколова first; she takes three);
// the curator accepts the ten, the drafts are created, and all ten are approved under one order
// in the school's open programme year. (The roll's import and the class invite sheet that come
// before: roll.e2e.ts.)
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCHOOL_A, USERS } from '../factories/seed-ids';
import { TABLET } from './support/browser';
import { expectPhoneFriendly, useSignedInPhones, waitForBadge } from './support/phone';

const syncBaseUrl = inject('syncBaseUrl');
const CURATOR = { id: USERS.curator, email: 'nesterenko@luzino1.example' };
const ORDER = '21-О';

const { backend, phoneOf } = useSignedInPhones();

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const { rows } = await backend().db.query<T>(sql, params);
  return rows;
}

const id = (n: number) => `d1000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface Mentor {
  id: string;
  name: string;
  subject: string;
  years: number;
  offers: string;
}
const MENTORS: Mentor[] = [
  {
    id: id(1),
    name: 'Соколова Ирина Павловна',
    subject: 'Химия',
    years: 15,
    offers: 'Химия: лабораторные опыты, подготовка к олимпиаде',
  },
  {
    id: id(2),
    name: 'Орлов Сергей Николаевич',
    subject: 'История',
    years: 20,
    offers: 'История и краеведение, школьный музей, проекты',
  },
  {
    id: id(3),
    name: 'Лебедева Анна Викторовна',
    subject: 'Английский язык',
    years: 9,
    offers: 'Английский язык, разговорный клуб, чтение',
  },
  {
    id: id(4),
    name: 'Фёдоров Павел Андреевич',
    subject: 'Информатика',
    years: 12,
    offers: 'Программирование, информатика, подготовка к ЕГЭ',
  },
];
const [SOKOLOVA, ORLOV, LEBEDEVA, FEDOROV] = MENTORS as [Mentor, Mentor, Mentor, Mentor];

interface Mentee {
  id: string;
  name: string;
  classLabel: string;
  interests: string;
  request: string;
  named: Mentor;
}
const CHEMISTRY = { interests: 'Химия, опыты', request: 'Подготовка к олимпиаде по химии' };
const HISTORY = { interests: 'История, музей', request: 'Проект по краеведению' };
const ENGLISH = { interests: 'Английский язык, чтение', request: 'Разговорный английский язык' };
const CODING = { interests: 'Программирование', request: 'Подготовка к ЕГЭ по информатике' };
const TEN: [string, string, typeof CHEMISTRY, Mentor][] = [
  ['Аксёнова Дарья Олеговна', '9А', CHEMISTRY, SOKOLOVA],
  ['Белова Ксения Игоревна', '9А', CHEMISTRY, SOKOLOVA],
  ['Григорьев Матвей Ильич', '9Б', CHEMISTRY, SOKOLOVA],
  ['Дьячков Роман Алексеевич', '10Б', CHEMISTRY, SOKOLOVA],
  ['Ефимова Ульяна Сергеевна', '8А', HISTORY, ORLOV],
  ['Жуков Тимур Андреевич', '8Б', HISTORY, ORLOV],
  ['Зуева Милана Денисовна', '7Б', ENGLISH, LEBEDEVA],
  ['Исаев Глеб Максимович', '7В', ENGLISH, LEBEDEVA],
  ['Климова Вероника Павловна', '10А', CODING, FEDOROV],
  ['Лаптев Назар Евгеньевич', '11А', CODING, FEDOROV],
];
const MENTEES: Mentee[] = TEN.map(([name, classLabel, about, named], i) => ({
  id: id(101 + i),
  name,
  classLabel,
  ...about,
  named,
}));
/** A mentee as the matching lists name her: «ФИО, класс». */
const listed = (m: Mentee) => `${m.name}, ${m.classLabel}`;

/** The four teachers and ten pupils, with consents and intakes, written as the school's staff had. */
async function seedTheBases(): Promise<void> {
  for (const m of MENTORS) {
    await query(
      `insert into public.participants (id, school_id, kind, full_name, is_minor, subject,
                                        teaching_experience_years, interests, is_mentor, is_mentee)
       values ($1, $2, 'teacher', $3, false, $4, $5, $6, true, false)`,
      [m.id, SCHOOL_A, m.name, m.subject, m.years, m.offers],
    );
    await query(
      `insert into public.consents (school_id, participant_id, given_by, signed_on, valid_until)
       values ($1, $2, 'self', current_date - 10, current_date + 300)`,
      [SCHOOL_A, m.id],
    );
    await query(
      `insert into public.intakes (school_id, participant_id, role, offers, capacity, forms)
       values ($1, $2, 'mentor', $3, 3, '{uchitel_uchenik}')`,
      [SCHOOL_A, m.id, m.offers],
    );
  }
  for (const m of MENTEES) {
    await query(
      `insert into public.participants (id, school_id, kind, full_name, class_label, is_minor,
                                        interests, is_mentor, is_mentee)
       values ($1, $2, 'student', $3, $4, true, $5, false, true)`,
      [m.id, SCHOOL_A, m.name, m.classLabel, m.interests],
    );
    // A minor's consent is her parent's (152-FZ).
    await query(
      `insert into public.consents (school_id, participant_id, given_by, representative_name,
                                    representative_relation, signed_on, valid_until)
       values ($1, $2, 'representative', $3, 'мать', current_date - 10, current_date + 300)`,
      [SCHOOL_A, m.id, 'Родитель Ольга Викторовна'],
    );
    await query(
      `insert into public.intakes (school_id, participant_id, role, request, interests, forms,
                                   preferred_mentor_ids)
       values ($1, $2, 'mentee', $3, $4, '{uchitel_uchenik}', array[$5::uuid])`,
      [SCHOOL_A, m.id, m.request, m.interests, m.named.id],
    );
  }
}

/**
 * Opens a page inside the running app, as a link does: a page load of a staff-only route
 * meets the route guard before the saved session's roles are known (see roll.e2e.ts).
 */
async function openInApp(page: Page, path: string) {
  await page.evaluate((to) => {
    history.pushState({}, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

interface FreeMentor {
  name: string;
  free: string;
  stated: boolean;
}
/** The list «Наставники со свободными местами»: name, «свободно X из Y», capacity from the intake. */
function freeMentors(page: Page): Promise<FreeMentor[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="matching-mentors"] > li')].map((li) => ({
      name: li.querySelector('a')?.textContent?.trim() ?? '',
      free: li.querySelector('[data-testid="matching-free"]')?.textContent?.trim() ?? '',
      stated: !li.querySelector('[data-testid="matching-default-capacity"]'),
    })),
  );
}

interface ProposedRow {
  mentor: string;
  mentee: string;
  reasons: { component: string; points: string; text: string }[];
}
/** The proposal's couples («наставник → наставляемый») with every reason of the score. */
function proposedRows(page: Page): Promise<ProposedRow[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="matching-proposal-row"]')].map((row) => {
      const names = row.querySelector('.matching-proposal__names')?.firstChild?.textContent ?? '';
      const [mentor = '', mentee = ''] = names.trim().split(' → ');
      return {
        mentor: mentor.trim(),
        mentee: mentee.trim(),
        reasons: [...row.querySelectorAll('[data-testid="matching-reasons"] > li')].map((li) => ({
          component: li.getAttribute('data-component') ?? '',
          points: li.querySelector('.matching-reasons__points')?.textContent?.trim() ?? '',
          text: li.querySelector('.matching-reasons__text')?.textContent?.trim() ?? '',
        })),
      };
    }),
  );
}

describe('the start of the programme on the curator’s tablet', () => {
  it('matches ten mentees to mentors within their capacities and approves the pairs under one order', async () => {
    await seedTheBases();
    // The school's open programme year, running today: the new pairs join it.
    const years = await query<{ id: string }>(
      `select id from public.programmes
        where school_id = $1 and deleted_at is null and closed_on is null
          and (starts_on is null or starts_on <= current_date)
          and (ends_on is null or ends_on >= current_date)`,
      [SCHOOL_A],
    );
    expect(years, 'the seed’s programme year holds today').toHaveLength(1);
    const programmeId = years[0]!.id;

    const { page, errors } = await phoneOf(CURATOR, TABLET);
    await page.goto(`${syncBaseUrl}/`);
    await waitForBadge(page, 'synced');
    await openInApp(page, '/matching');
    const menteeList = page.getByTestId('matching-mentees');
    await menteeList.waitFor();

    // The ten are in the base of mentees without a pair, each with her intake.
    for (const m of MENTEES) {
      const item = page.getByTestId('matching-mentee').filter({ hasText: listed(m) });
      await expect(item.getByTestId('matching-mentee-intake').innerText()).resolves.toBe(
        'анкета заполнена',
      );
    }
    // The four teachers' capacities are their intakes', not the default.
    const before = await freeMentors(page);
    for (const m of MENTORS) {
      expect(before.find((f) => f.name === m.name)).toEqual({
        name: m.name,
        free: 'свободно 3 из 3',
        stated: true,
      });
    }
    await expectPhoneFriendly(page, 'matching-1024');

    // «Подобрать всем»: one mentor for each of the ten, with why.
    await page.getByTestId('matching-suggest-all').click();
    const proposal = page.getByTestId('matching-proposal');
    await proposal.waitFor();
    const rows = await proposedRows(page);
    for (const m of MENTEES) {
      const mine = rows.filter((r) => r.mentee === listed(m));
      expect(mine, listed(m)).toHaveLength(1);
      const row = mine[0]!;
      expect(row.mentor, listed(m)).not.toBe('');
      expect(
        row.reasons.map((r) => r.component),
        listed(m),
      ).toEqual(['form', 'roleModel', 'request', 'overlap', 'capacity', 'preference']);
      expect(
        row.reasons.every((r) => r.text.length > 0),
        listed(m),
      ).toBe(true);
      // Her form is the one she chose; the mentor's free places of her intake's capacity.
      expect(row.reasons[0]!.text, listed(m)).toBe(
        'Форма «учитель – ученик» — та, которую выбрал наставляемый',
      );
      expect(row.reasons[4]!.text, listed(m)).toMatch(
        /^Свободно мест: \d+ из \d+( \(по анкете наставника\)| \(число не указано в анкете — принято по умолчанию\))$/,
      );
    }
    // Everyone gets the mentor she named, for what they share, but one of the four who named
    // Соколова (three places): she goes to another mentor with a free place.
    const withNamed = MENTEES.filter((m) =>
      rows.some((r) => r.mentee === listed(m) && r.mentor === m.named.name),
    );
    const elsewhere = MENTEES.filter((m) => !withNamed.includes(m));
    expect(elsewhere).toHaveLength(1);
    expect(elsewhere[0]!.named).toBe(SOKOLOVA);
    for (const m of withNamed) {
      const reasons = rows.find((r) => r.mentee === listed(m))!.reasons;
      const of = (component: string) => reasons.find((r) => r.component === component)!;
      expect(of('preference'), listed(m)).toEqual({
        component: 'preference',
        points: '+30',
        text: 'Наставляемый назвал этого наставника (выбор № 1)',
      });
      expect(of('overlap').text, listed(m)).toMatch(/^(Общие интересы|Тот же предмет): /);
      expect(of('request').text, listed(m)).toMatch(/^Совпадает с тем, что предлагает наставник: /);
    }
    // No mentor above her free places (her capacity less the mentees she has already).
    const perMentor = new Map<string, number>();
    for (const r of rows) perMentor.set(r.mentor, (perMentor.get(r.mentor) ?? 0) + 1);
    for (const [mentor, n] of perMentor) {
      const free = before.find((f) => f.name === mentor)?.free ?? '';
      const left = Number(/свободно (\d+) из/.exec(free)?.[1]);
      expect(n, `${mentor}: ${free}`).toBeLessThanOrEqual(left);
    }
    // Four named Соколова first: she takes three, as her intake says.
    expect(perMentor.get(SOKOLOVA.name)).toBe(3);
    const why = page
      .getByTestId('matching-proposal-row')
      .filter({ hasText: listed(MENTEES[0]!) })
      .locator('details > summary');
    await why.click();
    await expect(
      page
        .getByTestId('matching-proposal-row')
        .filter({ hasText: listed(MENTEES[0]!) })
        .getByTestId('matching-reasons')
        .isVisible(),
    ).resolves.toBe(true);
    await expectPhoneFriendly(page, 'matching-proposal-1024');

    // Accept the ten (the seed's own mentees without a pair wait), then create the drafts.
    for (const m of MENTEES) {
      await page
        .getByTestId('matching-proposal-row')
        .filter({ hasText: listed(m) })
        .getByTestId('matching-accept')
        .click();
    }
    const create = page.getByTestId('matching-create');
    await expect(create.innerText()).resolves.toBe('Создать черновики пар: 10');
    await create.click();
    await proposal.getByText('Создано черновиков пар: 10').waitFor();
    await expect(proposal.getByTestId('matching-created').count()).resolves.toBe(10);
    await expect(proposal.getByTestId('matching-refused').count()).resolves.toBe(0);
    await expectPhoneFriendly(page, 'matching-created-1024');
    await waitForBadge(page, 'synced');

    const menteeIds = MENTEES.map((m) => m.id);
    const pairsOfTheTen = (status: string) =>
      query<{
        mentee: string;
        mentor: string;
        programme_id: string | null;
        order_number: string;
      }>(
        `select e.participant_id as mentee, who.full_name as mentor, p.programme_id,
                coalesce(p.order_number, '') as order_number
           from public.pairs p
           join public.pair_members e on e.pair_id = p.id and e.side = 'mentee' and e.deleted_at is null
           join public.pair_members r on r.pair_id = p.id and r.side = 'mentor' and r.deleted_at is null
           join public.participants who on who.id = r.participant_id
          where p.deleted_at is null and p.status = $1 and e.participant_id = any($2)
          order by e.participant_id`,
        [status, menteeIds],
      );
    const drafts = await pairsOfTheTen('draft');
    expect(drafts.map((d) => d.mentee)).toEqual([...menteeIds].sort());
    expect(drafts.every((d) => d.programme_id === programmeId)).toBe(true);
    // The server's couples are the proposal's (every mentor here a teacher: no class label).
    for (const d of drafts) {
      const mentee = MENTEES.find((m) => m.id === d.mentee)!;
      const proposed = rows.find((r) => r.mentee === listed(mentee))!;
      expect(d.mentor, listed(mentee)).toBe(proposed.mentor);
    }
    const load = await query<{ mentor: string; n: number }>(
      `select m.participant_id as mentor, count(distinct e.participant_id)::int as n
         from public.pair_members m
         join public.pairs p on p.id = m.pair_id and p.deleted_at is null
              and p.status in ('draft', 'approved', 'active')
         join public.pair_members e on e.pair_id = p.id and e.side = 'mentee' and e.deleted_at is null
        where m.side = 'mentor' and m.deleted_at is null and m.participant_id = any($1)
        group by m.participant_id`,
      [MENTORS.map((m) => m.id)],
    );
    expect(load.every((l) => l.n <= 3)).toBe(true);
    expect(load.find((l) => l.mentor === SOKOLOVA.id)?.n).toBe(3);

    // Approve the drafts under one order: the ten approved; the seed's draft of Тимофеева
    // (no parental consent yet) refused by name.
    await openInApp(page, '/pairs/approve');
    const approve = page.getByTestId('approve-form');
    await approve.waitFor();
    await approve.locator('input[name="order_number"]').fill(ORDER);
    await approve.getByRole('button', { name: 'Выбрать все' }).click();
    await page.getByTestId('approve-submit').click();
    const results = page.getByTestId('approve-results');
    await results.waitFor();
    await expect.poll(() => results.locator('[data-outcome="approved"]').count()).toBe(10);
    await expect(results.locator('[data-outcome="refused"]').count()).resolves.toBe(1);
    expect(await results.locator('[data-outcome="refused"]').textContent()).toContain('Тимофеева');
    await expectPhoneFriendly(page, 'programme-start-approved-1024');
    await waitForBadge(page, 'synced');

    const approved = await pairsOfTheTen('approved');
    expect(approved.map((p) => p.mentee)).toEqual([...menteeIds].sort());
    expect(approved.map((p) => p.order_number)).toEqual(menteeIds.map(() => ORDER));
    expect(approved.map((p) => p.programme_id)).toEqual(menteeIds.map(() => programmeId));
    const underOrder = await query<{ n: number; programmes: number }>(
      `select count(*)::int as n, count(distinct programme_id)::int as programmes
         from public.pairs where order_number = $1 and status = 'approved' and deleted_at is null`,
      [ORDER],
    );
    expect(underOrder).toEqual([{ n: 10, programmes: 1 }]);

    expect(backend().problems).toEqual([]);
    expect(errors).toEqual([]);
  });
});
