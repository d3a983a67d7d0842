// What a turn notes it has read: an owner's MCP tool's output (`<server>__<tool>`), each source once.
import { Agent, RunItemStreamEvent, RunToolCallItem, RunToolCallOutputItem } from '@openai/agents';
import { expect, it } from 'vitest';
import { newTurnContext, noteRead, type TurnContext } from '../../server/agents/turn-context.ts';
import { RouteRecorder } from '../../server/turns/route-recorder.ts';

const unused = () => Promise.reject(new Error('not in this test'));
const context = (): TurnContext =>
  newTurnContext(
    { search: unused, saveImage: unused },
    { remember: unused },
    { write: unused, update: unused, read: unused, search: unused },
  );

function toolRound(recorder: RouteRecorder, agent: Agent, name: string, callId: string) {
  const call = { type: 'function_call' as const, callId, name, arguments: '{}', status: 'completed' as const };
  recorder.observe(new RunItemStreamEvent('tool_called', new RunToolCallItem(call, agent)));
  const result = {
    type: 'function_call_result' as const,
    callId,
    name,
    status: 'completed' as const,
    output: 'Order 42: shipped',
  };
  recorder.observe(new RunItemStreamEvent('tool_output', new RunToolCallOutputItem(result, agent, 'Order 42: shipped')));
}

it('notes an MCP tool’s output as read, once, and not the team’s own tools', () => {
  const turn = context();
  const recorder = new RouteRecorder(turn, ['Producing'], () => 'model');
  const producing = new Agent({ name: 'Producing' });
  recorder.start('Producing');
  toolRound(recorder, producing, 'shop__list_orders', 'call_1');
  toolRound(recorder, producing, 'shop__list_orders', 'call_2');
  toolRound(recorder, producing, 'consult_creative', 'call_3');
  expect(turn.read).toEqual([{ kind: 'tool', name: 'shop__list_orders' }]);
});

it('keeps each file once, in the order the turn read them', () => {
  const turn = context();
  noteRead(turn, { kind: 'file', fileId: 'a', name: 'price-list.pdf' });
  noteRead(turn, { kind: 'web', query: 'soy wax' });
  noteRead(turn, { kind: 'file', fileId: 'a', name: 'price-list.pdf' });
  expect(turn.read).toEqual([
    { kind: 'file', fileId: 'a', name: 'price-list.pdf' },
    { kind: 'web', query: 'soy wax' },
  ]);
});
