import { describe, expect, it } from 'vitest';
import {
  currentProgramme,
  approvalOutcome,
  editBlockedReason,
  groupOrders,
  isPaused,
  REPLACEMENT_END_REASON,
  replacementCandidates,
  replacementPlan,
  validateAddMember,
  validateEnd,
  validateOrder,
  validateRemoveMember,
  withOrderCorrection,
  type MemberConsents,
} from '@/domain/pairLife';
import type { Consent, PairStatus } from '@/domain/types';

const today = '2026-12-01';
const member = (
  participant_id: string,
  side: 'mentor' | 'mentee',
  deleted_at: string | null = null,
) => ({
  participant_id,
  side,
  deleted_at,
});
const consent = (participant_id: string, over: Partial<Consent> = {}): Consent => ({
  id: `c-${participant_id}`,
  school_id: 's',
  version: 1,
  deleted_at: null,
  created_at: '2026-09-01T00:00:00Z',
  updated_at: '2026-09-01T00:00:00Z',
  created_by: null,
  participant_id,
  given_by: 'self',
  representative_name: null,
  representative_relation: null,
  signed_on: '2026-09-01',
  valid_until: null,
  revoked_on: null,
  scope_note: null,
  ...over,
});
const person = (
  id: string,
  full_name: string,
  is_minor = false,
): MemberConsents['participant'] => ({
  id,
  full_name,
  is_minor,
});

describe('a running pair is shown paused while a member lacks consent', () => {
  const members = [member('m', 'mentor'), member('a', 'mentee'), member('gone', 'mentee', 'x')];
  const covered = (ids: string[]) => (id: string) => ids.includes(id);

  it('pauses an approved or active pair with an uncovered live member', () => {
    for (const status of ['approved', 'active'] as PairStatus[]) {
      expect(isPaused({ status, deleted_at: null }, members, covered(['m']))).toBe(true);
    }
  });

  it('does not pause when every live member is covered (a removed member does not count)', () => {
    expect(isPaused({ status: 'active', deleted_at: null }, members, covered(['m', 'a']))).toBe(
      false,
    );
  });

  it('never pauses a draft or an ended pair', () => {
    for (const status of ['draft', 'completed', 'ended_early'] as PairStatus[]) {
      expect(isPaused({ status, deleted_at: null }, members, () => false)).toBe(false);
    }
  });
});

describe('approving many pairs under one order', () => {
  it('approves a draft whose members all consent', () => {
    const outcome = approvalOutcome(
      { id: 'p1', status: 'draft', deleted_at: null },
      [{ participant: person('m', 'Петров'), consents: [consent('m')] }],
      today,
    );
    expect(outcome).toEqual({ pairId: 'p1', outcome: 'approved' });
  });

  it('names each member without a valid consent (a minor needs a parent’s)', () => {
    const outcome = approvalOutcome(
      { id: 'p2', status: 'draft', deleted_at: null },
      [
        {
          participant: person('m', 'Петров'),
          consents: [consent('m', { revoked_on: '2026-11-01' })],
        },
        { participant: person('a', 'Анна', true), consents: [consent('a')] },
        { participant: person('b', 'Борис'), consents: [consent('b')] },
      ],
      today,
    );
    expect(outcome).toEqual({ pairId: 'p2', outcome: 'refused', missing: ['Анна', 'Петров'] });
  });

  it('leaves a pair that is no longer a draft alone', () => {
    expect(approvalOutcome({ id: 'p3', status: 'approved', deleted_at: null }, [], today)).toEqual({
      pairId: 'p3',
      outcome: 'notDraft',
    });
  });

  it('asks for the order number and a date not in the future nor before the programme', () => {
    expect(validateOrder({ order_number: ' ', order_date: '2026-12-02' }, today)).toEqual([
      { field: 'order_number', key: 'required' },
      { field: 'order_date', key: 'dateInFuture' },
    ]);
    expect(validateOrder({ order_number: '45-о', order_date: '2019-05-01' }, today)).toEqual([
      { field: 'order_date', key: 'dateTooEarly', params: { earliest: expect.any(String) } },
    ]);
    expect(validateOrder({ order_number: '45-о', order_date: today }, today)).toEqual([]);
  });
});

describe('orders', () => {
  const item = (
    id: string,
    number: string | null,
    date: string | null,
    deleted_at: string | null = null,
  ) => ({
    id,
    pair: { order_number: number, order_date: date, deleted_at },
  });

  it('groups pairs by number and date, newest order first, drafts and deleted left out', () => {
    const orders = groupOrders([
      item('a', '12', '2026-09-10'),
      item('b', '45-о', '2026-10-01'),
      item('c', '12', '2026-09-10'),
      item('d', null, null),
      item('e', '12', '2026-09-11'),
      item('f', '45-о', '2026-10-01', '2026-11-01T00:00:00Z'),
    ]);
    expect(orders.map((o) => [o.number, o.date, o.pairs.map((p) => p.id)])).toEqual([
      ['45-о', '2026-10-01', ['b']],
      ['12', '2026-09-11', ['e']],
      ['12', '2026-09-10', ['a', 'c']],
    ]);
  });

  it('keeps the values before a correction, with who and when', () => {
    const before = { order_number: '12', order_date: '2026-09-10', order_history: [] };
    expect(
      withOrderCorrection(before, { order_number: '12-о', order_date: '2026-09-10' }, 'T1', 'u1'),
    ).toEqual([{ number: '12', date: '2026-09-10', changed_at: 'T1', changed_by: 'u1' }]);
    expect(
      withOrderCorrection(before, { order_number: '12', order_date: '2026-09-10' }, 'T1', null),
    ).toEqual([]);
  });
});

describe('ending a pair', () => {
  const running = {
    status: 'active' as PairStatus,
    started_on: '2026-10-05',
    order_date: '2026-09-20',
    deleted_at: null,
  };

  it('accepts a completed pair ended today without a reason', () => {
    expect(validateEnd(running, { kind: 'completed', ended_on: today, reason: '' }, today)).toEqual(
      [],
    );
  });

  it('needs a reason to end early', () => {
    expect(
      validateEnd(running, { kind: 'ended_early', ended_on: today, reason: '  ' }, today),
    ).toEqual([{ field: 'reason', key: 'required' }]);
  });

  it('refuses a day before the start or after today', () => {
    expect(
      validateEnd(running, { kind: 'completed', ended_on: '2026-10-04', reason: '' }, today),
    ).toEqual([{ field: 'ended_on', key: 'endBeforeStartOn', params: { date: '2026-10-05' } }]);
    expect(
      validateEnd(running, { kind: 'completed', ended_on: '2026-12-02', reason: '' }, today),
    ).toEqual([{ field: 'ended_on', key: 'dateInFuture' }]);
  });

  it('refuses a day before the order of an approved pair that never met', () => {
    const approved = { ...running, status: 'approved' as PairStatus, started_on: null };
    expect(
      validateEnd(approved, { kind: 'completed', ended_on: '2026-09-19', reason: '' }, today),
    ).toEqual([{ field: 'ended_on', key: 'endBeforeStartOn', params: { date: '2026-09-20' } }]);
  });

  it('does not end a draft or an ended pair', () => {
    for (const status of ['draft', 'completed'] as PairStatus[]) {
      expect(
        validateEnd(
          { ...running, status },
          { kind: 'completed', ended_on: today, reason: '' },
          today,
        ),
      ).toContainEqual({ field: 'kind', key: 'pairNotRunning' });
    }
  });
});

describe('who may be in a pair', () => {
  it('edits drafts only, and says why not', () => {
    expect(editBlockedReason({ status: 'draft', deleted_at: null })).toBeNull();
    expect(editBlockedReason({ status: 'active', deleted_at: null })).toBe('approved');
    expect(editBlockedReason({ status: 'ended_early', deleted_at: null })).toBe('ended');
  });

  it('adds a member to a running pair only with her consent and fitting the form', () => {
    const pair = {
      status: 'active' as PairStatus,
      form: 'uchitel_uchenik' as const,
      deleted_at: null,
    };
    const members = [member('m', 'mentor'), member('a', 'mentee')];
    const b = { id: 'b', full_name: 'Борис', kind: 'student' as const, deleted_at: null };
    expect(validateAddMember(pair, members, b, 'mentee', true)).toEqual([]);
    expect(validateAddMember(pair, members, b, 'mentee', false)).toEqual([
      { field: 'member', key: 'memberWithoutConsent', params: { names: 'Борис' } },
    ]);
    expect(validateAddMember({ ...pair, status: 'draft' }, members, b, 'mentee', false)).toEqual(
      [],
    );
    expect(validateAddMember(pair, members, b, 'mentor', true)[0]?.key).toBe(
      'formKind.uchitel_uchenik',
    );
    expect(validateAddMember(pair, members, { ...b, id: 'a' }, 'mentee', true)[0]?.key).toBe(
      'alreadyMember',
    );
  });

  it('keeps at least one mentor and one mentee when removing', () => {
    const pair = { status: 'active' as PairStatus, deleted_at: null };
    const members = [member('m', 'mentor'), member('a', 'mentee'), member('b', 'mentee')];
    expect(validateRemoveMember(pair, members, 'a')).toEqual([]);
    expect(validateRemoveMember(pair, members, 'm')).toEqual([
      { field: 'member', key: 'lastMentor' },
    ]);
    expect(validateRemoveMember(pair, members.slice(0, 2), 'a')).toEqual([
      { field: 'member', key: 'lastMentee' },
    ]);
  });
});

describe('a new mentor after an accepted request', () => {
  it('ends an individual pair early with the replacement reason', () => {
    expect(
      replacementPlan({ is_group: false }, [member('m', 'mentor'), member('a', 'mentee')], 'a'),
    ).toEqual({
      oldPair: 'endEarly',
      reason: REPLACEMENT_END_REASON,
    });
  });

  it('in a group removes only the requesting mentee', () => {
    expect(
      replacementPlan(
        { is_group: true },
        [member('m', 'mentor'), member('a', 'mentee'), member('b', 'mentee')],
        'a',
      ),
    ).toEqual({ oldPair: 'removeMentee', menteeId: 'a' });
  });

  it('offers mentors who fit the form, not archived, not the old mentor', () => {
    const base = { deleted_at: null, is_mentor: true };
    const people = [
      { ...base, id: 'old', full_name: 'Старый', kind: 'teacher' as const },
      { ...base, id: 't2', full_name: 'Яковлева', kind: 'teacher' as const },
      { ...base, id: 't1', full_name: 'Алексеева', kind: 'teacher' as const },
      {
        ...base,
        id: 'arch',
        full_name: 'Ушедшая',
        kind: 'teacher' as const,
        archived_on: '2026-11-01',
      },
      { ...base, id: 'st', full_name: 'Ученик', kind: 'student' as const },
    ];
    expect(replacementCandidates('uchitel_uchenik', people, ['old']).map((p) => p.id)).toEqual([
      't1',
      't2',
    ]);
  });
});

describe('the programme year of a new pair', () => {
  const year = (id: string, starts_on: string | null, ends_on: string | null, deleted = false) => ({
    id,
    starts_on,
    ends_on,
    deleted_at: deleted ? '2026-11-01T00:00:00Z' : null,
  });

  it('is the live programme whose dates hold today, the latest-starting one of several', () => {
    const programmes = [
      year('2025', '2025-09-01', '2026-05-31'),
      year('2026', '2026-09-01', '2027-05-31'),
      year('open', '2026-10-01', null),
      year('gone', '2026-11-01', '2027-05-31', true),
    ];
    expect(currentProgramme(programmes, '2026-11-25')?.id).toBe('open');
    expect(currentProgramme(programmes, '2026-09-15')?.id).toBe('2026');
    expect(currentProgramme(programmes, '2026-06-15')).toBeNull();
    expect(currentProgramme([], '2026-11-25')).toBeNull();
  });
});
