// GET /api/health as the health monitor last read it: whether the server answers at all, what it
// runs on, and whether a model is configured. Reading it never starts a check of its own.
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useSyncExternalStore } from 'react';
import { fetchHealth, HEALTH_KEY, type HealthMonitor } from '../health-monitor.ts';

export type { Health } from '../health-monitor.ts';

export const HealthMonitorContext = createContext<HealthMonitor | null>(null);

export function useHealth() {
  return useQuery({ queryKey: HEALTH_KEY, queryFn: fetchHealth, enabled: false });
}

export function useHealthMonitor() {
  const monitor = useContext(HealthMonitorContext);
  if (!monitor) throw new Error('useHealthMonitor needs the ApiProvider');
  const state = useSyncExternalStore(monitor.subscribe, () => monitor.state);
  return { ...state, checkNow: () => void monitor.checkNow() };
}
