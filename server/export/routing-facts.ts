// A turn's routing record as labelled facts, for people: the Markdown export and the CLI print these.
import { formatMs, formatUsd } from '../../shared/format.ts';
import type { Route } from '../../shared/turn-record.ts';
import type { TurnDto } from '../routers/dto.ts';

export type Fact = { label: string; value: string };

export const ROUTE_LABELS: Record<Route, string> = {
  handoff: 'handoff (the Orchestrator transferred the message itself)',
  repaired: 'repaired (the transfer came as text or on a second try)',
  structured: 'structured choice (the Orchestrator picked the expert as data after two failed transfers)',
  assigned: 'assigned (the routine names the expert that answers it)',
};

export function routingFacts(turn: TurnDto): Fact[] {
  const facts: Fact[] = [{ label: 'Path', value: turn.agents.join(' → ') || '—' }];
  for (const h of turn.handoffs) facts.push({ label: 'Handoff', value: `${h.from} → ${h.to}: ${h.reason || 'no reason given'}` });
  if (turn.status === 'completed') facts.push({ label: 'Route', value: ROUTE_LABELS[turn.route] });
  const decided = (t: TurnDto['tools'][number]) =>
    t.approved === undefined ? '' : t.approved ? ', approved by the owner' : ', rejected by the owner';
  const tools = turn.tools.map(
    (t) =>
      `${t.name}${t.server ? ` on ${t.server}` : ''} by ${t.agent}, ${formatMs(t.ms)}, ${t.ok ? 'ok' : 'failed'}${decided(t)}`,
  );
  facts.push({ label: 'Tools', value: tools.length ? tools.join('; ') : 'none' });
  const { inputTokens, cachedInputTokens, outputTokens, totalTokens } = turn.usage;
  facts.push({
    label: 'Tokens',
    value: `${inputTokens} in (${cachedInputTokens} cached), ${outputTokens} out (${totalTokens} total)`,
  });
  const perAgent = turn.agentUsage.map(
    (u) => `${u.agent}${u.model ? ` on ${u.model}` : ''} ${u.inputTokens}/${u.outputTokens} tokens, ${formatMs(u.ms)}`,
  );
  if (perAgent.length) facts.push({ label: 'Per agent', value: perAgent.join('; ') });
  if (turn.latencyMs !== null) facts.push({ label: 'Latency', value: formatMs(turn.latencyMs) });
  facts.push({ label: 'Model', value: turn.model ?? 'none' });
  facts.push({
    label: 'Cost',
    value: turn.cost ? `${formatUsd(turn.cost.usd)} (estimate from list prices)` : 'unknown for this model (tokens only)',
  });
  const waiting = (turn.approvals ?? []).filter((a) => a.status === 'pending');
  if (waiting.length)
    facts.push({ label: 'Waiting', value: waiting.map((a) => `${a.tool} by ${a.agent} (approval ${a.id})`).join('; ') });
  if (turn.error) facts.push({ label: 'Error', value: `${turn.error.code}: ${turn.error.message}` });
  return facts;
}
