// The SDK hook that gives the Orchestrator its short routing context while the expert it hands
// off to still reads the whole window: one run, one memory, two views of it.
import { type Agent, type AgentInputItem, assistant, type CallModelInputFilter, user } from '@openai/agents';
import type { MemoryItem } from '../memory/memory.ts';

export function toAgentInput(item: MemoryItem): AgentInputItem {
  return item.role === 'user' ? user(item.content) : assistant(item.content);
}

/**
 * For `router`'s calls, replaces the run's memory items (the first `memoryCount` of its input)
 * with `routerItems`; what the run added since (a web search, say) follows unchanged.
 */
export function routerInputFilter(
  router: Pick<Agent, 'name'>,
  memoryCount: number,
  routerItems: MemoryItem[],
): CallModelInputFilter {
  const routed = routerItems.map(toAgentInput);
  const filter: CallModelInputFilter = ({ modelData, agent }) => {
    // By name: the repair's reminded and choosing routers are clones of the Orchestrator.
    if (agent.name !== router.name || modelData.input.length < memoryCount) return modelData;
    return { ...modelData, input: [...routed, ...modelData.input.slice(memoryCount)] };
  };
  // Read-only: the SDK need not copy the whole window on every call.
  filter.preserveInputIdentity = true;
  return filter;
}
