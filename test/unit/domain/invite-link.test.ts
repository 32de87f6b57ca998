import { describe, expect, it } from 'vitest';
import { defaultInviteRole, inviteCodeFromLink, inviteJoinUrl } from '@/domain/invite';

describe('the join link inside an invite QR code', () => {
  it('is the app’s join address with the code', () => {
    expect(inviteJoinUrl('https://nastavnik.example', '/', 'ALSA-5K7M')).toBe(
      'https://nastavnik.example/join?code=ALSA-5K7M',
    );
  });

  it('keeps a base path the app is served under', () => {
    expect(inviteJoinUrl('https://school.example/', '/app', 'ALSA-5K7M')).toBe(
      'https://school.example/app/join?code=ALSA-5K7M',
    );
    expect(inviteJoinUrl('https://school.example', '/app/', 'ALSA-5K7M')).toBe(
      'https://school.example/app/join?code=ALSA-5K7M',
    );
  });

  it('fills the sign-in field with the normalised code it carries', () => {
    expect(inviteCodeFromLink('alsa5k7m')).toBe('ALSA-5K7M');
    expect(inviteCodeFromLink(['ALSA-5K7M', 'ZZZZ-ZZZZ'])).toBe('ALSA-5K7M');
  });

  it('shows what arrived when the link’s code is damaged, and nothing when there is none', () => {
    expect(inviteCodeFromLink(' ALSA-5K ')).toBe('ALSA-5K');
    expect(inviteCodeFromLink('x'.repeat(100))).toHaveLength(32);
    expect(inviteCodeFromLink(undefined)).toBe('');
    expect(inviteCodeFromLink(null)).toBe('');
  });
});

describe('the role an invite offers first', () => {
  it('is mentor only for someone only in the base of mentors', () => {
    expect(defaultInviteRole({ is_mentor: true, is_mentee: false })).toBe('mentor');
    expect(defaultInviteRole({ is_mentor: false, is_mentee: true })).toBe('mentee');
    expect(defaultInviteRole({ is_mentor: true, is_mentee: true })).toBe('mentee');
    expect(defaultInviteRole({ is_mentor: false, is_mentee: false })).toBe('mentee');
  });
});
