// Helpers for document tests: what the tools told the model, and a business of a test's own.
import type { Database } from '../../db/client.ts';
import { chatHarness } from './chat-harness.ts';
import type { ChatRequest, Responder } from './fake-openai.ts';

/** Every tool output (handoffs aside) a recorded model call received, as text. */
export function toolOutputs(input: unknown): string[] {
  if (!Array.isArray(input)) return [];
  return (input as { type?: string; name?: string; output?: unknown }[]).flatMap((item) => {
    if (item.type !== 'function_call_result' || item.name?.startsWith('transfer_to_')) return [];
    const output = item.output as string | { text?: string };
    return [typeof output === 'string' ? output : (output.text ?? JSON.stringify(output))];
  });
}

/** A harness on a new business, so tests never see each other's documents. */
export async function onNewBusiness(database: Database, options: { profileBudget?: number } = {}) {
  const h = chatHarness(database, options);
  const business = await h.api.businesses.create({ name: `Mugs ${Math.random()}` });
  return { ...h, businessId: business.id };
}

export const PLAN_200 = '# Production plan\n\n- Throw 200 mugs in 4 batches of 50\n- Glaze firing: week 3\n';
export const PLAN_300 = '# Production plan\n\n- Throw 300 mugs in 6 batches of 50\n- Glaze firing: week 4\n';
export const PRICE_TABLE = '| Product | Price |\n|---|---|\n| Mug | 24 EUR |\n| Bowl, large | 30 EUR |\n';

/** For a local fake model: Producing gets the message, makes the one tool call `call(request)` names, then answers. */
export function producingTurn(
  call: (request: ChatRequest) => { name: string; arguments: Record<string, unknown> },
  answer: string,
): Responder {
  return (request) => {
    const transfer = request.tools?.find((t) => t.function.name === 'transfer_to_Producing');
    if (transfer) return { toolCalls: [{ name: transfer.function.name, arguments: { reason: 'production planning' } }] };
    const called = request.messages.some((m) => JSON.stringify(m.tool_calls ?? []).includes('_document'));
    return called ? { text: answer } : { toolCalls: [call(request)] };
  };
}
