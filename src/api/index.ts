// The gateway to Supabase: the rest of the app reaches the server only through here.
import type { AppSupabaseClient } from './client';
import { backendConfig, type BackendConfig } from './config';

export { backendConfig, readBackendConfig, BackendConfigError, type BackendConfig } from './config';
export type { AppSupabaseClient } from './client';

let clientPromise: Promise<AppSupabaseClient> | null = null;

/** Loads supabase-js on first use; null in device-only mode. */
export function loadSupabaseClient(
  config: BackendConfig = backendConfig,
): Promise<AppSupabaseClient> | null {
  if (config.mode !== 'sync') return null;
  clientPromise ??= import('./client').then(({ createSupabaseClient }) =>
    createSupabaseClient(config.url, config.anonKey),
  );
  return clientPromise;
}
