import { describe, expect, it } from 'vitest';
import { isEmail, normaliseEmailCode, normaliseInviteCode } from '@/domain/invite';

describe('normaliseInviteCode', () => {
  it('accepts the code however it is typed', () => {
    expect(normaliseInviteCode('ALSA-5K7M')).toBe('ALSA-5K7M');
    expect(normaliseInviteCode(' alsa 5k7m ')).toBe('ALSA-5K7M');
    expect(normaliseInviteCode('alsa5k7m')).toBe('ALSA-5K7M');
  });

  it('reads Cyrillic look-alike letters from a Russian keyboard as Latin', () => {
    expect(normaliseInviteCode('АLSА-5К7М')).toBe('ALSA-5K7M');
  });

  it('refuses what cannot be a code', () => {
    expect(normaliseInviteCode('ALSA-5K7')).toBeNull();
    expect(normaliseInviteCode('ALSO-5K7M')).toBeNull(); // O is not in the alphabet
    expect(normaliseInviteCode('ЖЖЖЖ-5K7M')).toBeNull();
  });
});

describe('e-mail sign-in input', () => {
  it('checks the address and the one-time code', () => {
    expect(isEmail(' kravtsova@luzino1.example ')).toBe(true);
    expect(isEmail('kravtsova@')).toBe(false);
    expect(normaliseEmailCode('123 456')).toBe('123456');
    expect(normaliseEmailCode('12a456')).toBeNull();
  });
});
