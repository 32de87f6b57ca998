// Owns the one supabase-js client of the app. Loaded lazily (see loadSupabaseClient) so that
// supabase-js stays out of the first JavaScript chunk and device-only mode never downloads it.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';

export type AppSupabaseClient = SupabaseClient;

export function createSupabaseClient(url: string, anonKey: string): AppSupabaseClient {
  return createClient(url, anonKey, {
    auth: {
      persistSession: true,
      autoRefreshToken: true,
      detectSessionInUrl: false,
      storageKey: 'nastavnik.auth',
    },
  });
}
