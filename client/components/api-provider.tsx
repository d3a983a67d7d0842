import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { HealthMonitor } from '../health-monitor.ts';
import { HealthMonitorContext } from '../hooks/use-health.ts';
import { createApiClient, createQueryClient, TRPCProvider } from '../trpc.ts';

function createClients() {
  // A request that got no answer asks the monitor for a check; the monitor needs the query cache.
  const queryClient = createQueryClient(() => monitor.noteLostRequest());
  const monitor = new HealthMonitor(queryClient);
  return { queryClient, monitor };
}

export function ApiProvider({ children }: { children: ReactNode }) {
  const [{ queryClient, monitor }] = useState(createClients);
  const [trpcClient] = useState(createApiClient);
  useEffect(() => monitor.start(), [monitor]);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <HealthMonitorContext.Provider value={monitor}>{children}</HealthMonitorContext.Provider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
