import { describe, expect, it } from 'vitest';
import { BUILTIN_QUESTIONNAIRES } from '@/domain/questionnaireDefaults';
import {
  canFillQuestionnaire,
  cleanAnswers,
  currentResponse,
  entryScaleValues,
  isExitQuestionnaireMissing,
  isProgrammeEnding,
  isSatisfied,
  localizedText,
  pairQuestionnaires,
  pickTemplate,
  questionnaireAudience,
  satisfactionShare,
  validateAnswers,
  type QuestionnaireItem,
} from '@/domain/questionnaires';
import { aBuiltinTemplate, aResponse, builtinTemplates } from '../../factories/questionnaires';
import { aMeeting, aPair, aParticipant, SCHOOL_ID } from '../../factories/rows';

const today = '2026-11-25';
const items: QuestionnaireItem[] = [
  { id: 'q1', type: 'scale', text: { ru: 'Насколько вы довольны?', en: 'Satisfaction' } },
  { id: 'q2', type: 'scale', min: 2, max: 5, text: { ru: 'Узкая шкала' } },
  {
    id: 'q3',
    type: 'choice',
    text: { ru: 'Продолжите?' },
    choices: [
      { value: 'yes', text: { ru: 'Да' } },
      { value: 'no', text: { ru: 'Нет' } },
    ],
  },
  { id: 'q4', type: 'open', text: { ru: 'Что было ценным?' } },
];

describe('validateAnswers (mirrors private.check_questionnaire_answers)', () => {
  it('accepts a partial draft with valid answers', () => {
    expect(validateAnswers(items, { q1: 7, q4: 'Разбор уроков' }, { complete: false })).toEqual([]);
  });

  it('refuses a scale answer out of range, fractional or as text', () => {
    const errors = (answers: Record<string, number | string>) =>
      validateAnswers(items, answers, { complete: false }).map((e) => [e.field, e.key]);
    expect(errors({ q1: 11 })).toEqual([['q1', 'outOfRange']]);
    expect(errors({ q1: 0 })).toEqual([['q1', 'outOfRange']]);
    expect(errors({ q1: 5.5 })).toEqual([['q1', 'outOfRange']]);
    expect(errors({ q1: '7' })).toEqual([['q1', 'outOfRange']]);
    expect(errors({ q2: 1 })).toEqual([['q2', 'outOfRange']]);
    expect(validateAnswers(items, { q2: 6 }, { complete: false })[0]?.params).toEqual({
      min: 2,
      max: 5,
    });
  });

  it('refuses a choice that is not one of the values, a number as text and unknown items', () => {
    expect(validateAnswers(items, { q3: 'maybe', q4: 5, q99: 1 }, { complete: false })).toEqual([
      { field: 'q3', key: 'invalidChoice' },
      { field: 'q4', key: 'notText' },
      { field: 'q99', key: 'unknownItem' },
    ]);
  });

  it('requires every scale and choice item on submit, never the open ones', () => {
    expect(validateAnswers(items, { q1: 8 }, { complete: true })).toEqual([
      { field: 'q2', key: 'required' },
      { field: 'q3', key: 'required' },
    ]);
    expect(validateAnswers(items, { q1: 8, q2: 3, q3: 'no' }, { complete: true })).toEqual([]);
  });

  it('accepts every built-in template answered at its bounds', () => {
    for (const template of BUILTIN_QUESTIONNAIRES) {
      const answers = Object.fromEntries(
        template.items.map((item) => [
          item.id,
          item.type === 'scale' ? 10 : item.type === 'choice' ? item.choices[0]!.value : 'Текст',
        ]),
      );
      expect(validateAnswers(template.items, answers, { complete: true }), template.title).toEqual(
        [],
      );
    }
  });
});

describe('answers and texts', () => {
  it('trims open answers and leaves out blanks', () => {
    expect(cleanAnswers({ q1: 5, q3: null, q4: '  Польза  ', q5: '   ' })).toEqual({
      q1: 5,
      q4: 'Польза',
    });
  });

  it('shows the item in the locale, falling back to Russian', () => {
    expect(localizedText({ ru: 'Да', en: 'Yes' }, 'en')).toBe('Yes');
    expect(localizedText({ ru: 'Узкая шкала' }, 'en')).toBe('Узкая шкала');
  });
});

describe('which template applies', () => {
  it('derives the audience from the side and the person', () => {
    expect(questionnaireAudience(aParticipant({ kind: 'teacher' }), 'mentor')).toBe('mentor');
    expect(questionnaireAudience(aParticipant({ kind: 'student' }), 'mentor')).toBe('mentor');
    expect(questionnaireAudience(aParticipant({ kind: 'teacher' }), 'mentee')).toBe(
      'mentee_teacher',
    );
    expect(questionnaireAudience(aParticipant({ kind: 'student' }), 'mentee')).toBe(
      'mentee_student',
    );
    expect(
      questionnaireAudience(aParticipant({ kind: 'other' }), 'mentee', 'uchitel_uchitel'),
    ).toBe('mentee_teacher');
  });

  it('prefers the school’s own latest revision over the built-in, never an archived one', () => {
    const builtin = aBuiltinTemplate('entry', 'mentor');
    const own1 = aBuiltinTemplate('entry', 'mentor', { id: 'own-1', school_id: SCHOOL_ID });
    const own2 = { ...own1, id: 'own-2', revision: 2 };
    const other = { ...own1, id: 'other-school', school_id: 'another', revision: 9 };
    const archived = { ...own1, id: 'own-3', revision: 3, deleted_at: '2026-10-01T00:00:00Z' };
    expect(pickTemplate([builtin], 'entry', 'mentor', SCHOOL_ID)?.id).toBe(builtin.id);
    expect(
      pickTemplate([builtin, own1, own2, other, archived], 'entry', 'mentor', SCHOOL_ID)?.id,
    ).toBe('own-2');
    expect(pickTemplate([builtin], 'exit', 'mentor', SCHOOL_ID)).toBeNull();
  });

  it('takes a submitted response over a later draft of the same questionnaire', () => {
    const t = aBuiltinTemplate('entry', 'mentor');
    const submitted = aResponse(t, { submitted_at: '2026-10-01T10:00:00Z' });
    const draft = aResponse(t, { updated_at: '2026-11-01T10:00:00Z' });
    expect(currentResponse([draft, submitted])).toBe(submitted);
    expect(currentResponse([draft])).toBe(draft);
    expect(currentResponse([{ ...draft, deleted_at: '2026-11-02T00:00:00Z' }])).toBeNull();
  });
});

describe('when the programme is ending', () => {
  const facts = (over: Partial<Parameters<typeof isProgrammeEnding>[0]> = {}) => ({
    pair: aPair({ status: 'active' }),
    meetings: [],
    ...over,
  });

  it('is not ending mid-year, nor for a draft pair', () => {
    expect(isProgrammeEnding(facts({ programmeEndsOn: '2027-05-31' }), today)).toBe(false);
    expect(isProgrammeEnding(facts({ pair: aPair({ status: 'draft' }) }), today)).toBe(false);
  });

  it('is ending when the pair is over, near the programme’s end, or after a final meeting', () => {
    expect(isProgrammeEnding(facts({ pair: aPair({ status: 'completed' }) }), today)).toBe(true);
    expect(isProgrammeEnding(facts({ pair: aPair({ status: 'ended_early' }) }), today)).toBe(true);
    expect(isProgrammeEnding(facts({ programmeEndsOn: '2026-12-20' }), today)).toBe(true);
    expect(
      isProgrammeEnding(
        facts({ pair: aPair({ status: 'active', ended_on: '2026-12-01' }) }),
        today,
      ),
    ).toBe(true);
    expect(
      isProgrammeEnding(
        facts({ meetings: [aMeeting({ type: 'final', held_on: '2026-11-20' })] }),
        today,
      ),
    ).toBe(true);
    expect(
      isProgrammeEnding(
        facts({
          meetings: [aMeeting({ type: 'final', held_on: '2026-11-20', deleted_at: '2026-11-21' })],
        }),
        today,
      ),
    ).toBe(false);
  });
});

describe('pairQuestionnaires: what is due for each member', () => {
  const mentor = aParticipant({ kind: 'teacher', is_mentor: true, is_mentee: false });
  const mentee = aParticipant({ kind: 'student' });
  const members = [
    { participant: mentor, side: 'mentor' as const },
    { participant: mentee, side: 'mentee' as const },
  ];
  const templates = builtinTemplates();
  const slotsFor = (
    pair = aPair({ status: 'active' }),
    responses = [] as ReturnType<typeof aResponse>[],
    meetings = [] as ReturnType<typeof aMeeting>[],
  ) => pairQuestionnaires({ pair, members, templates, responses, meetings }, today);
  const find = (slots: ReturnType<typeof slotsFor>, who: string, kind: string) =>
    slots.find((s) => s.participantId === who && s.kind === kind)!;

  it('has nothing due before the order approves the pair', () => {
    const slots = slotsFor(aPair({ status: 'draft' }));
    expect(slots).toHaveLength(6);
    expect(slots.some((s) => s.isOpen || s.isDue)).toBe(false);
  });

  it('makes the entry questionnaire due once the pair works, with each one’s own template', () => {
    const slots = slotsFor();
    expect(find(slots, mentor.id, 'entry')).toMatchObject({
      audience: 'mentor',
      status: 'not_started',
      isOpen: true,
      isDue: true,
      template: { id: 'b1000000-0000-4000-8000-000000000008' },
    });
    expect(find(slots, mentee.id, 'entry').template?.id).toBe(
      'b1000000-0000-4000-8000-000000000004',
    );
    expect(find(slots, mentee.id, 'exit')).toMatchObject({ isOpen: false, isDue: false });
    expect(isExitQuestionnaireMissing(slots)).toBe(false);
  });

  it('stops reminding once submitted, and keeps reminding of a draft', () => {
    const entry = aBuiltinTemplate('entry', 'mentor');
    const studentEntry = aBuiltinTemplate('entry', 'mentee_student');
    const slots = slotsFor(aPair({ status: 'active' }), [
      aResponse(entry, { participant_id: mentor.id, submitted_at: '2026-10-01T10:00:00Z' }),
      aResponse(studentEntry, { participant_id: mentee.id, answers: { q1: 4 } }),
    ]);
    expect(find(slots, mentor.id, 'entry')).toMatchObject({ status: 'submitted', isDue: false });
    expect(find(slots, mentee.id, 'entry')).toMatchObject({ status: 'draft', isDue: true });
  });

  it('opens exit and satisfaction at the end and reminds of the exit questionnaire', () => {
    const final = [aMeeting({ type: 'final', held_on: '2026-11-20' })];
    const slots = slotsFor(aPair({ status: 'active' }), [], final);
    expect(find(slots, mentee.id, 'exit')).toMatchObject({ isOpen: true, isDue: true });
    expect(find(slots, mentee.id, 'satisfaction').template?.id).toBe(
      'b1000000-0000-4000-8000-000000000001',
    );
    expect(isExitQuestionnaireMissing(slots)).toBe(true);

    const exitMentor = aBuiltinTemplate('exit', 'mentor');
    const exitStudent = aBuiltinTemplate('exit', 'mentee_student');
    const done = slotsFor(aPair({ status: 'completed' }), [
      aResponse(exitMentor, { participant_id: mentor.id, submitted_at: '2026-11-21T10:00:00Z' }),
      aResponse(exitStudent, { participant_id: mentee.id, submitted_at: '2026-11-22T10:00:00Z' }),
    ]);
    expect(isExitQuestionnaireMissing(done)).toBe(false);
    // The entry questionnaire of a finished pair can still be recorded, but is not nagged about.
    expect(find(done, mentor.id, 'entry')).toMatchObject({ isOpen: true, isDue: false });
  });
});

describe('the change from entry to exit', () => {
  it('gives the entry scale answers by item id', () => {
    const entry = aBuiltinTemplate('entry', 'mentee_student');
    expect(entryScaleValues(entry.items, { q1: 4, q2: 6, q7: 'Хочу понять алгебру' })).toEqual({
      q1: 4,
      q2: 6,
    });
  });
});

describe('the satisfaction KPI', () => {
  it('counts a respondent as satisfied when the first item is 7 or higher', () => {
    const t = aBuiltinTemplate('satisfaction', 'mentor');
    expect(isSatisfied({ q1: 7 }, t)).toBe(true);
    expect(isSatisfied({ q1: 6 }, t)).toBe(false);
    expect(isSatisfied({}, t)).toBe(false);
  });

  it('reads the first item of the template, whatever its id', () => {
    const t = aBuiltinTemplate('satisfaction', 'mentor');
    const copied = { ...t, items: [{ ...t.items[0]!, id: 'overall' }, ...t.items.slice(1)] };
    expect(isSatisfied({ q1: 9, overall: 4 }, copied)).toBe(false);
    expect(isSatisfied({ q1: 2, overall: 8 }, copied)).toBe(true);
  });

  it('takes the share among submitted satisfaction responses only', () => {
    const t = aBuiltinTemplate('satisfaction', 'mentor');
    const entry = aBuiltinTemplate('entry', 'mentee_student');
    const templates = new Map([
      [t.id, t],
      [entry.id, entry],
    ]);
    const at = '2026-05-27T10:00:00Z';
    expect(
      satisfactionShare(
        [
          aResponse(t, { answers: { q1: 9 }, submitted_at: at }),
          aResponse(t, { answers: { q1: 7 }, submitted_at: at }),
          aResponse(t, { answers: { q1: 3 }, submitted_at: at }),
          aResponse(t, { answers: { q1: 10 } }),
          aResponse(t, { answers: { q1: 10 }, submitted_at: at, deleted_at: at }),
          aResponse(entry, { answers: { q1: 10 }, submitted_at: at }),
        ],
        templates,
      ),
    ).toEqual({ satisfied: 2, total: 3, percent: 67 });
    expect(satisfactionShare([], templates)).toEqual({ satisfied: 0, total: 0, percent: null });
  });
});

describe('who may fill a questionnaire', () => {
  const own = 'participant-1';
  it('lets the person themself, staff, and anyone in device-only mode fill it', () => {
    const mentee = { role: 'mentee', participant_id: own };
    const mentor = { role: 'mentor', participant_id: 'participant-2' };
    const curator = { role: 'curator', participant_id: null };
    expect(canFillQuestionnaire({ isDeviceOnly: false, memberships: [mentee] }, own)).toBe(true);
    expect(canFillQuestionnaire({ isDeviceOnly: false, memberships: [mentor] }, own)).toBe(false);
    expect(canFillQuestionnaire({ isDeviceOnly: false, memberships: [curator] }, own)).toBe(true);
    expect(canFillQuestionnaire({ isDeviceOnly: true, memberships: [] }, own)).toBe(true);
  });
});
