/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Supabase project URL; when unset the app runs in device-only mode. */
  readonly VITE_SUPABASE_URL?: string;
  /** Supabase anon (publishable) key; never a service-role key. */
  readonly VITE_SUPABASE_ANON_KEY?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

/** The app version from package.json, injected at build time. */
declare const APP_VERSION: string;
