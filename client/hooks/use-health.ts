// GET /api/health: whether the server answers at all, what it runs on, and whether a model is
// configured. Checked often while the server is out of reach, so recovery shows within seconds.
import { useQuery } from '@tanstack/react-query';
import { HEALTH_KEY } from '../trpc.ts';

export type Health = {
  ok: boolean;
  // A failing database answers only { ok: false }.
  database?: 'pglite' | 'postgres';
  model?: { configured: boolean; api: string; name: string | null };
  webSearch?: 'hosted' | 'searxng' | 'none';
};

async function fetchHealth(): Promise<Health> {
  const response = await fetch('/api/health', { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5_000) });
  return (await response.json()) as Health;
}

export function useHealth() {
  return useQuery({
    queryKey: HEALTH_KEY,
    queryFn: fetchHealth,
    staleTime: 10_000,
    retry: false,
    // Checked even when the browser thinks it is offline: that is often wrong for a local server.
    networkMode: 'always',
    refetchInterval: (query) => (query.state.status === 'error' ? 3_000 : 30_000),
  });
}
