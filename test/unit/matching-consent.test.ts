// Matching never proposes a mentee without a valid consent silently: the rule (the same as
// domain/consent.ts and the server's) names what is wrong — none, expired on a date, revoked
// on a date, a minor's own signature — and the curator sees it on each of her suggestions and
// on her couple in «Подобрать всем», which still proposes her (a draft may wait for consent).
import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { addParticipant, recordConsent, revokeConsent } from '@/data/repos/participants';
import { addDays, localIsoDate } from '@/domain/dates';
import {
  consentProblemOf,
  indexMatching,
  suggestForEveryone,
  type MatchConsent,
  type MatchingFacts,
  type MatchPerson,
} from '@/domain/matching';
import { mountApp, settle, useFreshDatabase } from './views/people/support';

const TODAY = '2026-12-01';
const consent = (over: Partial<MatchConsent> = {}): MatchConsent => ({
  participant_id: 'kolya',
  given_by: 'representative',
  signed_on: '2026-09-01',
  valid_until: '2027-08-31',
  revoked_on: null,
  deleted_at: null,
  ...over,
});
const kolya = { id: 'kolya', is_minor: true };

describe('consentProblemOf', () => {
  it('is null while a consent covers today', () => {
    expect(consentProblemOf(kolya, [consent()], TODAY)).toBeNull();
    expect(consentProblemOf(kolya, [consent({ valid_until: null })], TODAY)).toBeNull();
  });

  it('names the latest end of the consents that ran out', () => {
    const old = [
      consent({ signed_on: '2024-09-01', valid_until: '2025-08-31' }),
      consent({ signed_on: '2025-09-01', valid_until: '2026-08-31' }),
    ];
    expect(consentProblemOf(kolya, old, TODAY)).toEqual({
      kind: 'expired',
      date: '2026-08-31',
      isMinor: true,
    });
  });

  it('names a revocation, and ignores a tombstoned consent', () => {
    expect(consentProblemOf(kolya, [consent({ revoked_on: '2026-11-10' })], TODAY)).toEqual({
      kind: 'revoked',
      date: '2026-11-10',
      isMinor: true,
    });
    expect(
      consentProblemOf(kolya, [consent({ deleted_at: '2026-10-01T00:00:00Z' })], TODAY),
    ).toEqual({ kind: 'missing', date: null, isMinor: true });
  });

  it('counts a minor’s own signature as no consent (a parent must give it)', () => {
    expect(consentProblemOf(kolya, [consent({ given_by: 'self' })], TODAY)).toEqual({
      kind: 'missing',
      date: null,
      isMinor: true,
    });
    expect(
      consentProblemOf({ id: 'kolya', is_minor: false }, [consent({ given_by: 'self' })], TODAY),
    ).toBeNull();
  });
});

describe('the matching index', () => {
  const person = (id: string, over: Partial<MatchPerson> = {}): MatchPerson => ({
    id,
    full_name: id,
    kind: 'teacher',
    class_label: null,
    subject: null,
    teaching_experience_years: null,
    interests: null,
    is_mentor: false,
    is_mentee: false,
    deleted_at: null,
    ...over,
  });
  const facts: MatchingFacts = {
    participants: [
      person('anna', { is_mentor: true, teaching_experience_years: 20 }),
      person('kolya', { kind: 'student', class_label: '6А', is_minor: true, is_mentee: true }),
      person('olya', { kind: 'student', class_label: '7Б', is_minor: true, is_mentee: true }),
    ],
    sensitive: [],
    pairs: [],
    members: [],
    consents: [consent({ participant_id: 'olya', valid_until: '2026-08-31' })],
  };

  it('marks each mentee not covered on the day, and still proposes her', () => {
    const index = indexMatching(facts, { today: TODAY });
    const byId = new Map(index.mentees.map((m) => [m.person.id, m.consent]));
    expect(byId.get('kolya')).toEqual({ kind: 'missing', date: null, isMinor: true });
    expect(byId.get('olya')).toEqual({ kind: 'expired', date: '2026-08-31', isMinor: true });
    const proposed = suggestForEveryone(index).assignments.map((a) => a.menteeId);
    expect(proposed.sort()).toEqual(['kolya', 'olya']);
  });

  it('says nothing where consents are not known (no day given)', () => {
    expect(indexMatching(facts).mentees.map((m) => m.consent)).toEqual([null, null]);
  });
});

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

describe('the curator’s matching page', { timeout: 20_000 }, () => {
  const db = useFreshDatabase();
  const today = localIsoDate(new Date());
  const ended = addDays(today, -20);
  const schoolDate = (day: string) => day.split('-').reverse().join('.');

  async function school() {
    await addParticipant(db(), {
      kind: 'teacher',
      full_name: 'Петрова Анна',
      subject: 'Математика',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    const student = (full_name: string) =>
      addParticipant(db(), {
        kind: 'student',
        full_name,
        class_label: '6А',
        is_minor: true,
        is_mentor: false,
        is_mentee: true,
      });
    const kolya = await student('Иванов Коля');
    const olya = await student('Смирнова Оля');
    await student('Зайцев Дима');
    const parent = { given_by: 'representative' as const, representative_name: 'Иванова Мария' };
    await recordConsent(db(), kolya.id, { ...parent, signed_on: addDays(today, -10) }, today);
    // Оля's parent signed for a period that is over now.
    const past = addDays(today, -400);
    await recordConsent(
      db(),
      olya.id,
      { ...parent, signed_on: past, valid_until: ended },
      addDays(past, 1),
    );
  }

  const warnings = (root: VueWrapper | ReturnType<VueWrapper['find']>) =>
    root.findAll('[data-testid="matching-consent-warning"]').map((w) => w.text());

  it('warns on every suggestion for a mentee whose consent ran out, not for a covered one', async () => {
    await school();
    wrapper = (await mountApp('/matching')).wrapper;
    await settle(() => expect(wrapper?.findAll('[data-testid="matching-mentee"]')).toHaveLength(3));
    const open = async (name: string) => {
      const item = wrapper!
        .findAll('[data-testid="matching-mentee"]')
        .find((m) => m.text().includes(name))!;
      await item.trigger('click');
      await settle(() =>
        expect(wrapper?.find('[data-testid="matching-candidate"]').exists()).toBe(true),
      );
    };
    await open('Смирнова Оля');
    expect(warnings(wrapper)).toEqual([
      `Согласие на обработку персональных данных истекло ${schoolDate(ended)}. Пару можно создать черновиком; утвердить её можно только после оформления согласия.`,
    ]);
    await open('Иванов Коля');
    await settle(() => expect(warnings(wrapper!)).toEqual([]));
  });

  it('marks such couples in «Подобрать всем» and counts them', async () => {
    await school();
    wrapper = (await mountApp('/matching')).wrapper;
    await settle(() =>
      expect(wrapper?.find('[data-testid="matching-suggest-all"]').exists()).toBe(true),
    );
    await wrapper.find('[data-testid="matching-suggest-all"]').trigger('click');
    await settle(() =>
      expect(wrapper?.findAll('[data-testid="matching-proposal-row"]').length).toBeGreaterThan(0),
    );
    const rows = wrapper.findAll('[data-testid="matching-proposal-row"]');
    const said = Object.fromEntries(
      rows.map((r) => [
        r.find('.matching-proposal__names').text().split(' → ')[1]!.split(',')[0],
        warnings(r),
      ]),
    );
    expect(Object.keys(said).sort()).toEqual(['Зайцев Дима', 'Иванов Коля', 'Смирнова Оля']);
    expect(said['Иванов Коля']).toEqual([]);
    expect(said['Смирнова Оля']![0]).toContain(`истекло ${schoolDate(ended)}`);
    expect(said['Зайцев Дима']).toEqual([
      'Нет действующего согласия родителя (законного представителя) на обработку персональных данных. Пару можно создать черновиком; утвердить её можно только после оформления согласия.',
    ]);
    expect(wrapper.find('[data-testid="matching-proposal-consent"]').text()).toBe(
      'У 2 наставляемых в предложении нет действующего согласия — это отмечено у их пар.',
    );
  });

  it('says a revoked consent with its date', async () => {
    await school();
    const olya = (await db().db.participants.toArray()).find(
      (p) => p.full_name === 'Смирнова Оля',
    )!;
    const consentRow = (await db().db.consents.toArray()).find(
      (c) => c.participant_id === olya.id,
    )!;
    await revokeConsent(db(), consentRow.id, addDays(today, -1));
    wrapper = (await mountApp('/matching')).wrapper;
    await settle(() => expect(wrapper?.findAll('[data-testid="matching-mentee"]')).toHaveLength(3));
    await wrapper
      .findAll('[data-testid="matching-mentee"]')
      .find((m) => m.text().includes('Смирнова Оля'))!
      .trigger('click');
    await settle(() => expect(warnings(wrapper!).length).toBeGreaterThan(0));
    expect(warnings(wrapper)[0]).toContain(
      `Согласие на обработку персональных данных отозвано ${schoolDate(addDays(today, -1))}.`,
    );
  });
});
