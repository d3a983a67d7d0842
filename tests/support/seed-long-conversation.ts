// Writes a long conversation straight into a server's data directory (before the server starts),
// so the client can be tried on a history far longer than a test would type.
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { createConversation } from '../../db/queries/conversations.ts';
import { messages, turns } from '../../db/schema.ts';

const PARAGRAPH = 'Revenue grew in the quarter, and the plan keeps the same three priorities. ';

export async function seedLongConversation(dataDir: string, title: string, turnCount: number): Promise<string> {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await migrate(database);
    const { id } = await createConversation(database.db, title);
    const pairs = Array.from({ length: turnCount }, (_, index) => ({
      turnId: randomUUID(),
      userId: randomUUID(),
      number: index + 1,
    }));
    await database.db.insert(messages).values(
      pairs.flatMap(({ turnId, userId, number }) => [
        { id: userId, conversationId: id, turnId, role: 'user' as const, content: `Question ${number}`, tokens: 3 },
        {
          conversationId: id,
          turnId,
          role: 'assistant' as const,
          agent: 'Strategic',
          // Rows of different heights, as real replies are.
          content: `Answer ${number}. ${PARAGRAPH.repeat(1 + (number % 5))}`,
          tokens: 20,
        },
      ]),
    );
    await database.db.insert(turns).values(
      pairs.map(({ turnId, userId }) => ({
        id: turnId,
        conversationId: id,
        userMessageId: userId,
        status: 'completed' as const,
        agents: ['Orchestrator', 'Strategic'],
        handoffs: [{ from: 'Orchestrator', to: 'Strategic', reason: 'Planning question.' }],
        agentUsage: [
          { agent: 'Orchestrator', inputTokens: 100, outputTokens: 10, ms: 200 },
          { agent: 'Strategic', inputTokens: 150, outputTokens: 60, ms: 900 },
        ],
        inputTokens: 250,
        outputTokens: 70,
        latencyMs: 1100,
        model: 'fake-model',
      })),
    );
    return id;
  } finally {
    await database.close();
  }
}
