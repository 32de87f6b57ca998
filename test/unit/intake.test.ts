// The intake questionnaire's rules: what a role keeps, what is refused and why (translated
// keys), the mentor's capacity (her answer, else the default), and her offer against a
// mentee's request as comparable keywords, said in words.
import { describe, expect, it } from 'vitest';
import {
  cleanIntake,
  currentIntake,
  DEFAULT_MENTOR_CAPACITY,
  explainOffer,
  intakeFormsFor,
  keywordsOf,
  MAX_INTAKE_TEXT,
  mentorCapacities,
  mentorCapacity,
  validateIntake,
} from '@/domain/intake';
import type { Intake } from '@/domain/types';
import en from '@/i18n/locales/en/intake.json';
import ru from '@/i18n/locales/ru/intake.json';
import { uuid } from '../factories/rows';

function anIntake(overrides: Partial<Intake> = {}): Intake {
  return {
    id: uuid(),
    school_id: uuid(),
    participant_id: uuid(),
    role: 'mentor',
    offers: null,
    capacity: null,
    forms: [],
    request: null,
    interests: null,
    preferred_mentor_ids: [],
    version: 1,
    deleted_at: null,
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-01T10:00:00Z',
    created_by: null,
    ...overrides,
  };
}

describe('cleaning an intake', () => {
  it('keeps a mentor’s offer, capacity and forms, and drops a mentee’s fields', () => {
    const fields = cleanIntake({
      role: 'mentor',
      offers: '  Математика, подготовка к олимпиадам  ',
      capacity: 5,
      forms: ['uchitel_uchenik', 'uchitel_uchitel', 'uchitel_uchenik'],
      request: 'не моё',
      interests: '',
      preferredMentorIds: [uuid()],
    });
    expect(fields).toEqual({
      role: 'mentor',
      offers: 'Математика, подготовка к олимпиадам',
      capacity: 5,
      // Once each, in the order of MENTORING_FORMS.
      forms: ['uchitel_uchitel', 'uchitel_uchenik'],
      request: null,
      interests: null,
      preferred_mentor_ids: [],
    });
  });

  it('keeps a mentee’s request and her chosen mentors in her order, once each', () => {
    const [a, b] = [uuid(), uuid()];
    const fields = cleanIntake({
      role: 'mentee',
      offers: 'не моё',
      capacity: 4,
      request: 'Хочу подтянуть физику',
      preferredMentorIds: [b, a, b],
    });
    expect(fields).toMatchObject({
      offers: null,
      capacity: null,
      request: 'Хочу подтянуть физику',
      preferred_mentor_ids: [b, a],
    });
  });
});

describe('validating an intake', () => {
  const mentor = (capacity: number | null) => cleanIntake({ role: 'mentor', capacity });

  it('takes a capacity from 1 to 30, or none', () => {
    for (const ok of [null, 1, 3, 30]) expect(validateIntake(mentor(ok))).toEqual([]);
    for (const bad of [0, 31, -2, 2.5, Number.NaN]) {
      expect(validateIntake(mentor(bad))).toEqual([
        { field: 'capacity', key: 'capacityRange', params: { min: 1, max: 30 } },
      ]);
    }
  });

  it('refuses texts over 2,000 characters, naming the field', () => {
    const long = 'а'.repeat(MAX_INTAKE_TEXT + 1);
    expect(validateIntake(cleanIntake({ role: 'mentor', offers: long }))).toEqual([
      { field: 'offers', key: 'tooLong', params: { max: 2000 } },
    ]);
    expect(
      validateIntake(cleanIntake({ role: 'mentee', request: long, interests: long })).map(
        (e) => e.field,
      ),
    ).toEqual(['request', 'interests']);
    expect(
      validateIntake(cleanIntake({ role: 'mentee', request: 'а'.repeat(MAX_INTAKE_TEXT) })),
    ).toEqual([]);
  });

  it('refuses an unknown form, and a form her kind cannot take on her side', () => {
    expect(validateIntake(cleanIntake({ role: 'mentee', forms: ['kruzhok'] }))).toEqual([
      { field: 'forms', key: 'formInvalid' },
    ]);
    // A student mentors only in «ученик – ученик».
    expect(
      validateIntake(cleanIntake({ role: 'mentor', forms: ['uchitel_uchenik'] }), {
        kind: 'student',
      }),
    ).toEqual([{ field: 'forms', key: 'formNotForKind', params: { form: 'uchitel_uchenik' } }]);
    expect(intakeFormsFor('mentor', 'student')).toEqual(['uchenik_uchenik']);
  });

  it('lets a mentee choose up to three of the school’s mentors, never herself', () => {
    const self = uuid();
    const mentors = [uuid(), uuid(), uuid(), uuid()];
    const context = { selfId: self, mentorIds: new Set(mentors) };
    const choose = (ids: string[]) =>
      validateIntake(cleanIntake({ role: 'mentee', preferredMentorIds: ids }), context);
    expect(choose(mentors.slice(0, 3))).toEqual([]);
    expect(choose(mentors)).toEqual([
      { field: 'preferredMentors', key: 'tooManyMentors', params: { max: 3 } },
    ]);
    expect(choose([self])[0]!.key).toBe('chosenSelf');
    expect(choose([uuid()])[0]!.key).toBe('notAMentor');
  });

  it('has a message for every refusal in both languages', () => {
    for (const key of [
      'capacityRange',
      'chosenSelf',
      'formInvalid',
      'formNotForKind',
      'notAMentor',
      'tooManyMentors',
    ]) {
      expect(ru.errors).toHaveProperty(key);
      expect(en.errors).toHaveProperty(key);
    }
  });
});

describe('a mentor’s capacity', () => {
  it('is her intake’s answer, else the default of three', () => {
    expect(DEFAULT_MENTOR_CAPACITY).toBe(3);
    expect(mentorCapacity(anIntake({ capacity: 7 }))).toBe(7);
    expect(mentorCapacity(anIntake({ capacity: null }))).toBe(3);
    expect(mentorCapacity(null)).toBe(3);
    expect(mentorCapacity(undefined, 5)).toBe(5);
    // A mentee's intake says nothing about mentoring.
    expect(mentorCapacity(anIntake({ role: 'mentee', capacity: 9 }))).toBe(3);
  });

  it('is read from live mentor intakes only', () => {
    const live = anIntake({ capacity: 6 });
    const gone = anIntake({ capacity: 9, deleted_at: '2026-11-02T00:00:00Z' });
    const silent = anIntake({ capacity: null });
    const map = mentorCapacities([live, gone, silent]);
    expect([...map]).toEqual([[live.participant_id, 6]]);
  });

  it('comes from the latest live row when a sync left two', () => {
    const person = uuid();
    const older = anIntake({ participant_id: person, capacity: 2 });
    const newer = anIntake({
      participant_id: person,
      capacity: 4,
      updated_at: '2026-11-05T10:00:00Z',
    });
    expect(currentIntake([newer, older], person, 'mentor')).toBe(newer);
    expect(currentIntake([older], person, 'mentee')).toBeNull();
  });
});

describe('what a mentor offers against a mentee’s request', () => {
  it('meets across case, ё and Russian endings, ignoring function words', () => {
    expect([...keywordsOf('Олимпиадам по МАТЕМАТИКЕ и ещё чтению').values()]).toEqual([
      'олимпиадам',
      'математике',
      'чтению',
    ]);
    expect(keywordsOf('математика').keys().next().value).toBe(
      keywordsOf('математике').keys().next().value,
    );
  });

  it('says the shared words in the offer’s order', () => {
    expect(
      explainOffer(
        'Отстаю по математике, хочу готовиться к олимпиадам',
        'Математика, олимпиады, шахматы',
      ),
    ).toEqual({ key: 'shared', words: ['математика', 'олимпиады'] });
    expect(explainOffer('Хочу заниматься спортом', 'Математика')).toEqual({
      key: 'none',
      words: [],
    });
    expect(explainOffer(null, 'Математика').key).toBe('none');
    expect(ru.match.shared.replace('{words}', 'математика, олимпиады')).toBe(
      'Совпадает: математика, олимпиады',
    );
  });
});
