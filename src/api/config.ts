// Owns the backend configuration: whether this build syncs with a Supabase project or runs
// device-only. Safe to import anywhere: it does not load supabase-js.

export type BackendConfig =
  { mode: 'device-only' } | { mode: 'sync'; url: string; anonKey: string };

export class BackendConfigError extends Error {
  constructor(readonly reason: 'invalid_url' | 'missing_key' | 'not_anon_key') {
    super(`backend configuration: ${reason}`);
    this.name = 'BackendConfigError';
  }
}

interface EnvLike {
  VITE_SUPABASE_URL?: string;
  VITE_SUPABASE_ANON_KEY?: string;
}

/** The `role` claim of a legacy JWT key, or null for the new opaque `sb_publishable_` keys. */
function keyRole(key: string): string | null {
  const payload = key.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as unknown;
    const role = (json as { role?: unknown }).role;
    return typeof role === 'string' ? role : null;
  } catch {
    return null;
  }
}

/**
 * Reads the two VITE_ variables. Both unset → device-only. A key that is not the public anon
 * (or publishable) key is refused outright: a privileged key in a client bundle would give
 * every phone full access to every school.
 */
export function readBackendConfig(env: EnvLike): BackendConfig {
  const url = env.VITE_SUPABASE_URL?.trim() ?? '';
  const anonKey = env.VITE_SUPABASE_ANON_KEY?.trim() ?? '';
  if (!url && !anonKey) return { mode: 'device-only' };
  if (!anonKey) throw new BackendConfigError('missing_key');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BackendConfigError('invalid_url');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new BackendConfigError('invalid_url');
  }
  const role = keyRole(anonKey);
  if (anonKey.startsWith('sb_secret_') || (role !== null && role !== 'anon')) {
    throw new BackendConfigError('not_anon_key');
  }
  return { mode: 'sync', url: parsed.origin, anonKey };
}

export const backendConfig: BackendConfig = readBackendConfig(import.meta.env);
