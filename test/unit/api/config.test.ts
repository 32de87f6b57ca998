import { describe, expect, it } from 'vitest';
import { BackendConfigError, readBackendConfig } from '@/api/config';

/** An unsigned JWT-shaped key with the given role claim, like Supabase's legacy keys. */
function legacyKey(role: string): string {
  const encode = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ iss: 'supabase', role })}.signature`;
}

describe('readBackendConfig', () => {
  it('runs device-only when nothing is configured', () => {
    expect(readBackendConfig({})).toEqual({ mode: 'device-only' });
    expect(readBackendConfig({ VITE_SUPABASE_URL: ' ', VITE_SUPABASE_ANON_KEY: '' })).toEqual({
      mode: 'device-only',
    });
  });

  it('syncs with a project URL and its anon key', () => {
    const key = legacyKey('anon');
    expect(
      readBackendConfig({
        VITE_SUPABASE_URL: 'https://db.school.example/',
        VITE_SUPABASE_ANON_KEY: key,
      }),
    ).toEqual({ mode: 'sync', url: 'https://db.school.example', anonKey: key });
  });

  it('accepts the new publishable keys', () => {
    const config = readBackendConfig({
      VITE_SUPABASE_URL: 'http://127.0.0.1:54321',
      VITE_SUPABASE_ANON_KEY: 'sb_publishable_abc123',
    });
    expect(config.mode).toBe('sync');
  });

  it('refuses a privileged key, which must never ship to phones', () => {
    const attempt = (key: string) => () =>
      readBackendConfig({ VITE_SUPABASE_URL: 'https://x.example', VITE_SUPABASE_ANON_KEY: key });
    expect(attempt(legacyKey('service' + '_role'))).toThrowError(BackendConfigError);
    expect(attempt('sb_secret_abc')).toThrowError(/not_anon_key/);
  });

  it('refuses a URL without a key and a malformed URL', () => {
    expect(() => readBackendConfig({ VITE_SUPABASE_URL: 'https://x.example' })).toThrowError(
      /missing_key/,
    );
    expect(() =>
      readBackendConfig({ VITE_SUPABASE_URL: 'not a url', VITE_SUPABASE_ANON_KEY: 'k' }),
    ).toThrowError(/invalid_url/);
    expect(() =>
      readBackendConfig({ VITE_SUPABASE_URL: 'ftp://x.example', VITE_SUPABASE_ANON_KEY: 'k' }),
    ).toThrowError(/invalid_url/);
  });
});
