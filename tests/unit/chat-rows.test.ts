// How history and a streaming turn become the rows the message list shows.
import { describe, expect, it } from 'vitest';
import type { History, Message, Turn } from '../../client/api-types.ts';
import { buildRows } from '../../client/chat-rows.ts';
import type { LiveTurn } from '../../client/live-turn.ts';

const conversationId = 'c0000000-0000-4000-8000-000000000000';

function turn(id: string, status: Turn['status']): Turn {
  return {
    id,
    conversationId,
    status,
    agents: status === 'completed' ? ['Orchestrator', 'Creative'] : [],
    handoffs: [],
    route: 'handoff',
    tools: [],
    usage: { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, totalTokens: 0, memoryTokens: 0 },
    agentUsage: [],
    consults: [],
    latencyMs: null,
    model: null,
    cost: null,
    error: status === 'failed' ? { code: 'MODEL_UNAVAILABLE', message: 'busy' } : null,
    flag: null,
    remembered: [],
    createdAt: '2025-01-01T10:00:00.000Z',
  };
}

function message(id: string, role: Message['role'], turnId: string, createdAt: string): Message {
  return { id, role, content: id, agent: role === 'assistant' ? 'Creative' : null, turnId, stopped: false, createdAt };
}

function history(messages: Message[], turns: Turn[], memoryFrom: string | null = null): History {
  const at = '2025-01-01T10:00:00.000Z';
  return {
    conversation: { id: conversationId, businessId: 'b', title: 't', summary: '', memoryFrom, createdAt: at, updatedAt: at },
    messages,
    turns,
  };
}

const live = (turnId: string | null): LiveTurn => ({
  key: 'live-1',
  conversationId,
  turnId,
  userText: 'u2',
  path: [{ agent: 'Orchestrator', reason: null }],
  text: 'partial',
  tools: [],
  error: null,
  running: true,
  reconnecting: false,
  stopping: false,
});

const kinds = (rows: ReturnType<typeof buildRows>) => rows.map((row) => row.kind);

describe('buildRows', () => {
  const done = [
    message('u1', 'user', 't1', '2025-01-01T10:00:00.000Z'),
    message('a1', 'assistant', 't1', '2025-01-01T10:00:01.000Z'),
  ];
  const second = message('u2', 'user', 't2', '2025-01-01T10:01:00.000Z');

  it('puts a failed turn right after its message, and a reply with its turn', () => {
    const rows = buildRows(history([...done, second], [turn('t1', 'completed'), turn('t2', 'failed')]), null);
    expect(kinds(rows)).toEqual(['user', 'reply', 'user', 'failed']);
    expect(rows[1]).toMatchObject({ kind: 'reply', turn: { id: 't1' } });
  });

  it('offers Retry for a turn stopped before any text, and shows a stopped reply as a reply', () => {
    const stoppedEarly = buildRows(history([...done, second], [turn('t1', 'completed'), turn('t2', 'cancelled')]), null);
    expect(kinds(stoppedEarly)).toEqual(['user', 'reply', 'user', 'failed']);
    const stoppedReply = { ...message('a2', 'assistant', 't2', '2025-01-01T10:01:05.000Z'), stopped: true };
    const stoppedLate = buildRows(
      history([...done, second, stoppedReply], [turn('t1', 'completed'), turn('t2', 'cancelled')]),
      null,
    );
    expect(kinds(stoppedLate)).toEqual(['user', 'reply', 'user', 'reply']);
  });

  it('draws the memory divider before the first message after the reset, or at the end', () => {
    const later = [...done, message('u2', 'user', 't2', '2025-01-01T11:00:00.000Z')];
    const turns = [turn('t1', 'completed'), turn('t2', 'running')];
    const between = buildRows(history(later, turns, '2025-01-01T10:30:00.000Z'), null);
    expect(kinds(between)).toEqual(['user', 'reply', 'divider', 'user', 'pending']);
    const after = buildRows(history(done, [turn('t1', 'completed')], '2025-01-01T12:00:00.000Z'), null);
    expect(kinds(after)).toEqual(['user', 'reply', 'divider']);
  });

  it('shows a streaming turn once: in place of its stored message, or at the end before it is stored', () => {
    const running = history([...done, second], [turn('t1', 'completed'), turn('t2', 'running')]);
    expect(kinds(buildRows(running, live('t2')))).toEqual(['user', 'reply', 'live']);
    expect(kinds(buildRows(history(done, [turn('t1', 'completed')]), live(null)))).toEqual(['user', 'reply', 'live']);
  });

  it('lets history take over once it has the streamed turn settled', () => {
    const settled = history(
      [...done, second, message('a2', 'assistant', 't2', '2025-01-01T10:01:02.000Z')],
      [turn('t1', 'completed'), turn('t2', 'completed')],
    );
    expect(kinds(buildRows(settled, live('t2')))).toEqual(['user', 'reply', 'user', 'reply']);
    const failed = history([...done, second], [turn('t1', 'completed'), turn('t2', 'failed')]);
    expect(kinds(buildRows(failed, { ...live('t2'), running: false, error: { code: 'X', message: 'x' } }))).toEqual([
      'user',
      'reply',
      'user',
      'failed',
    ]);
  });

  it('shows a retry as it streams, in place of the failed or stopped attempt history still has', () => {
    const failed = history([...done, second], [turn('t1', 'completed'), turn('t2', 'failed')]);
    expect(kinds(buildRows(failed, live('t2')))).toEqual(['user', 'reply', 'live']);
    const stoppedReply = { ...message('a2', 'assistant', 't2', '2025-01-01T10:01:05.000Z'), stopped: true };
    const stopped = history([...done, second, stoppedReply], [turn('t1', 'completed'), turn('t2', 'cancelled')]);
    expect(kinds(buildRows(stopped, live('t2')))).toEqual(['user', 'reply', 'live']);
    // Answered: the live copy stays until history is read again, never beside the old attempt.
    expect(kinds(buildRows(stopped, { ...live('t2'), running: false }))).toEqual(['user', 'reply', 'live']);
  });
});
