// GET /api/health: what the server runs on, and whether a model is configured.
import { useQuery } from '@tanstack/react-query';

export type Health = {
  ok: boolean;
  // A failing database answers only { ok: false }.
  database?: 'pglite' | 'postgres';
  model?: { configured: boolean; api: string; name: string | null };
  webSearch?: 'hosted' | 'searxng' | 'none';
};

async function fetchHealth(): Promise<Health> {
  const response = await fetch('/api/health', { headers: { accept: 'application/json' } });
  return (await response.json()) as Health;
}

export function useHealth() {
  return useQuery({ queryKey: ['health'], queryFn: fetchHealth, staleTime: 60_000 });
}
