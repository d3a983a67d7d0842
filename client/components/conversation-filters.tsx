import type { RefObject } from 'react';
import type { AgentName } from '../../shared/roster.ts';
import { AGENT_NAMES as AGENTS, isAgentName } from '../../shared/roster.ts';

type Props = {
  searchRef: RefObject<HTMLInputElement | null>;
  search: string;
  onSearch: (text: string) => void;
  agent: AgentName | null;
  onAgent: (agent: AgentName | null) => void;
};

export function ConversationFilters({ searchRef, search, onSearch, agent, onAgent }: Props) {
  return (
    <div className="filters" role="search">
      <label className="field">
        <span className="visually-hidden">Search conversations</span>
        <input
          ref={searchRef}
          type="search"
          placeholder="Search conversations"
          value={search}
          maxLength={200}
          onChange={(event) => onSearch(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="label-text">Answered by</span>
        <select value={agent ?? ''} onChange={(event) => onAgent(isAgentName(event.target.value) ? event.target.value : null)}>
          <option value="">Any agent</option>
          {AGENTS.filter((name) => name !== 'Orchestrator').map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
