// How a turn was routed: who answered after whom and why, tools, tokens, latency, model.
import type { Turn } from '../api-types.ts';
import { formatMs, formatTokens, formatUsd } from '../format.ts';
import { toolWords } from '../tool-words.ts';
import { AgentBadge } from './agent-badge.tsx';
import { ConsultsDetail } from './consults-detail.tsx';

/** "Creative · asked Strategic": who answered, then whom they asked. */
export function routingSummary(turn: Turn, answeredBy: string | null): string {
  const consulted = [...new Set(turn.consults.map((c) => c.agent))];
  const owner = answeredBy ?? turn.handoffs.at(-1)?.to ?? turn.agents.find((a) => a !== 'Orchestrator' && !consulted.includes(a));
  const parts = [owner ?? 'no expert', ...(consulted.length ? [`asked ${consulted.join(', ')}`] : [])];
  return parts.join(' · ');
}

/** "gpt-4.1 (Orchestrator: gpt-4.1-nano)" when the router ran on a model of its own. */
function modelsOf(turn: Turn): string {
  const others = turn.agentUsage.filter((u) => u.model && u.model !== turn.model).map((u) => `${u.agent}: ${u.model}`);
  return `${turn.model ?? '—'}${others.length ? ` (${others.join(', ')})` : ''}`;
}

export function RoutingDetail({ turn, answeredBy }: { turn: Turn; answeredBy: string | null }) {
  const reasons = new Map(turn.handoffs.map((h) => [h.to, h]));
  const consultedBy = new Map(turn.consults.map((c) => [c.agent, c.by]));
  // The n-th remember call that worked wrote the n-th fact: "remembered: We ship from Leipzig".
  const rememberCalls = turn.tools.flatMap((tool, index) => (tool.name === 'remember' && tool.ok ? [index] : []));
  const rememberedBy = (tool: Turn['tools'][number], index: number) => {
    const fact = turn.remembered[rememberCalls.indexOf(index)];
    return tool.name === 'remember' && fact ? `remembered: ${fact.text}` : null;
  };
  return (
    <details className="routing" data-testid="routing-detail">
      <summary>
        Routing{' '}
        <span className="muted" data-testid="routing-summary">
          · {routingSummary(turn, answeredBy)} · {formatMs(turn.latencyMs)}
        </span>
      </summary>
      <div className="routing-body">
        <section aria-label="Path">
          <h3>Path</h3>
          <ol className="path">
            {turn.agents.map((agent, index) => (
              <li key={`${agent}-${index}`}>
                <AgentBadge agent={agent} testId="path-agent" />
                {reasons.get(agent) && (
                  <span className="reason">
                    from {reasons.get(agent)!.from}: “{reasons.get(agent)!.reason}”
                  </span>
                )}
                {!reasons.get(agent) && consultedBy.get(agent) && (
                  <span className="reason">asked by {consultedBy.get(agent)}</span>
                )}
              </li>
            ))}
          </ol>
        </section>
        <ConsultsDetail consults={turn.consults} />
        <section aria-label="Tools">
          <h3>Tools</h3>
          {turn.tools.length === 0 ? (
            <p className="muted">No tools used.</p>
          ) : (
            <ul className="tools" data-testid="tools">
              {turn.tools.map((tool, index) => (
                <li key={index} title={tool.name}>
                  {tool.agent} {rememberedBy(tool, index) ?? toolWords(tool.name)}
                  {tool.server && <span className="muted"> on {tool.server}</span>}
                  {tool.approved !== undefined && (
                    <span className="muted small">{tool.approved ? ' · you approved' : ' · you rejected'}</span>
                  )}
                  <span className="muted small">
                    {' '}
                    · {formatMs(tool.ms)}
                    {tool.ok ? '' : ' · '}
                  </span>
                  {!tool.ok && <span className="bad small">failed</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
        {turn.remembered.length > 0 && (
          <section aria-label="Remembered">
            <h3>Remembered</h3>
            <ul className="remembered" data-testid="remembered">
              {turn.remembered.map((fact) => (
                <li key={fact.factId}>{fact.text}</li>
              ))}
            </ul>
          </section>
        )}
        <dl className="facts">
          <dt>Tokens</dt>
          <dd>
            {formatTokens(turn.usage.inputTokens)} in / {formatTokens(turn.usage.outputTokens)} out /{' '}
            {formatTokens(turn.usage.totalTokens)} total
          </dd>
          <dt>Cached</dt>
          <dd data-testid="cached-tokens">
            {formatTokens(turn.usage.cachedInputTokens)} of the input served from the prompt cache
            {turn.usage.inputTokens > 0 && ` (${Math.round((turn.usage.cachedInputTokens / turn.usage.inputTokens) * 100)}%)`}
          </dd>
          {turn.usage.memoryTokens > 0 && (
            <>
              <dt>Memory</dt>
              <dd>{formatTokens(turn.usage.memoryTokens)} tokens to update the summary</dd>
            </>
          )}
          <dt>Cost</dt>
          <dd>{turn.cost ? formatUsd(turn.cost.usd) : 'unknown for this model'}</dd>
          <dt>Latency</dt>
          <dd>{formatMs(turn.latencyMs)}</dd>
          {turn.status === 'completed' && (
            <>
              <dt>Route</dt>
              <dd data-testid="routing-route">{turn.route}</dd>
            </>
          )}
          <dt>Model</dt>
          <dd>{modelsOf(turn)}</dd>
        </dl>
      </div>
    </details>
  );
}
