// A plan created late: counted from the pair's start, some template due dates are past.
import { describe, expect, it } from 'vitest';
import { isLateForTemplate, planTemplate } from '@/domain/planTemplates';

const peer = planTemplate('uchenik_uchenik')!;
const teachers = planTemplate('uchitel_uchitel')!;

describe('isLateForTemplate', () => {
  it('is late when the first due date (a week after the start) has passed', () => {
    expect(isLateForTemplate(peer, '2026-09-16', '2026-11-25')).toBe(true);
  });

  it('is not late on the day the pair starts, nor while the first week runs', () => {
    expect(isLateForTemplate(peer, '2026-11-25', '2026-11-25')).toBe(false);
    // The first steps are due a week after the start: that day itself is not yet past.
    expect(isLateForTemplate(peer, '2026-11-18', '2026-11-25')).toBe(false);
    expect(isLateForTemplate(peer, '2026-11-17', '2026-11-25')).toBe(true);
  });

  it('is never late for a template without due dates (the 13 steps of «учитель – учитель»)', () => {
    expect(isLateForTemplate(teachers, '2020-09-01', '2026-11-25')).toBe(false);
  });
});
