// Is Switchboard reachable? Reads the health check; when the server comes back, every query
// that failed meanwhile is fetched again.
import { onlineManager, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { HEALTH_KEY } from '../trpc.ts';
import { useHealth } from './use-health.ts';

export type Connection = 'online' | 'offline' | 'unreachable';

export function useConnection(): { connection: Connection; checkNow: () => void; checking: boolean } {
  const health = useHealth();
  const queryClient = useQueryClient();
  const browserOnline = useSyncExternalStore(onlineManager.subscribe.bind(onlineManager), () => onlineManager.isOnline());
  const connection: Connection = health.isError ? (browserOnline ? 'unreachable' : 'offline') : 'online';
  const previous = useRef(connection);

  useEffect(() => {
    if (previous.current !== 'online' && connection === 'online') {
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== HEALTH_KEY[0] });
    }
    previous.current = connection;
  }, [connection, queryClient]);

  return {
    connection,
    checking: health.isFetching,
    checkNow: () => void queryClient.invalidateQueries({ queryKey: HEALTH_KEY }),
  };
}
