// Why a PostgREST request failed, as the screens tell it: no connection, not allowed (42501:
// RLS or a function's own check; 401/403), or anything else. One rule for every gateway call.
export type RequestFailure = 'network' | 'not_allowed' | 'unknown';

export function requestFailure(
  error: { code?: string; message?: string },
  status: number,
): RequestFailure {
  if (status === 0 || /fetch|network/i.test(error.message ?? '')) return 'network';
  if (error.code === '42501' || status === 401 || status === 403) return 'not_allowed';
  return 'unknown';
}
