// The rules every pair and dated entry keeps (domain/formRules.ts), as the device applies them
// before the server's named constraints would refuse.
import { describe, expect, it } from 'vitest';
import { dateSanity, fitsForm, FORM_ROLE_KINDS } from '@/domain/formRules';
import { MENTORING_FORMS } from '@/domain/types';

const today = '2026-11-25';

describe('the role model of each form (pair_members_form_kind)', () => {
  it('«учитель – учитель» takes teachers on both sides', () => {
    expect(fitsForm('uchitel_uchitel', 'mentor', 'teacher')).toBe(true);
    expect(fitsForm('uchitel_uchitel', 'mentee', 'teacher')).toBe(true);
    expect(fitsForm('uchitel_uchitel', 'mentee', 'student')).toBe(false);
  });

  it('a student never mentors a teacher', () => {
    for (const form of MENTORING_FORMS) {
      if (FORM_ROLE_KINDS[form].mentee.includes('teacher')) {
        expect(fitsForm(form, 'mentor', 'student'), form).toBe(false);
      }
    }
  });

  it('has a rule for every form', () => {
    expect(Object.keys(FORM_ROLE_KINDS).sort()).toEqual([...MENTORING_FORMS].sort());
  });
});

describe('dateSanity (pairs_date_out_of_range, meetings_date_out_of_range)', () => {
  it('refuses a date before 2020 and one more than a year and a day ahead', () => {
    expect(dateSanity('2019-12-31', today)).toBe('tooEarly');
    expect(dateSanity('2020-01-01', today)).toBe('ok');
    expect(dateSanity('2027-11-26', today)).toBe('ok');
    expect(dateSanity('2027-11-27', today)).toBe('tooFarAhead');
    expect(dateSanity('2062-09-01', today)).toBe('tooFarAhead');
  });

  it('starts at the programme’s first day when the pair has a programme', () => {
    expect(dateSanity('2026-08-31', today, '2026-09-01')).toBe('tooEarly');
    expect(dateSanity('2026-09-01', today, '2026-09-01')).toBe('ok');
  });
});
