// Is Switchboard reachable? Reads the health monitor's last check and the browser's own idea.
import { onlineManager } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { useHealth, useHealthMonitor } from './use-health.ts';

export type Connection = 'online' | 'offline' | 'unreachable';

export function useConnection() {
  const health = useHealth();
  const monitor = useHealthMonitor();
  const browserOnline = useSyncExternalStore(onlineManager.subscribe.bind(onlineManager), () => onlineManager.isOnline());
  const connection: Connection = health.isError ? (browserOnline ? 'unreachable' : 'offline') : 'online';
  return { connection, ...monitor };
}
