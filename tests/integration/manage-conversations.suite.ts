// Renaming and deleting conversations, titles from first messages, and the list's view of a
// failed last turn, through the tRPC API on whichever driver the caller passes.
import { modelError } from '@openai/agents/testing';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { conversations, messages, turns } from '../../db/schema.ts';
import { startTurn } from '../../server/turns/start-turn.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

export function manageConversationsSuite(kind: DriverKind) {
  let database: Database;
  let h: ReturnType<typeof chatHarness>;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    h = chatHarness(database);
  });
  afterAll(async () => {
    await database.close();
  });

  const rowsOf = async (conversationId: string) => ({
    messages: (await database.db.select({ n: count() }).from(messages).where(eq(messages.conversationId, conversationId)))[0]!.n,
    turns: (await database.db.select({ n: count() }).from(turns).where(eq(turns.conversationId, conversationId)))[0]!.n,
  });

  async function converse(message: string): Promise<string> {
    h.script(routeTo(h.team, 'Creative', 'naming'), reply('Lumen & Wick'));
    return (await h.api.chat.send({ message })).conversationId;
  }

  describe('titles', () => {
    it('titles a conversation with the words of its first message, without Markdown', async () => {
      const id = await converse('## Name my **candle** shop: [see site](https://example.test) and ~~old~~ `new` ideas');
      const { conversation } = await h.api.chat.history({ conversationId: id });
      expect(conversation.title).toBe('Name my candle shop: see site and old new ideas');
    });

    it('cuts a long first message on a word boundary, never inside an emoji', async () => {
      const words =
        'Suggest a brand name for my eco-friendly candle shop with 👩‍👩‍👧‍👦 family packs and a tagline for the launch';
      const id = await converse(words);
      const { title } = (await h.api.chat.history({ conversationId: id })).conversation;
      expect(title.endsWith('…')).toBe(true);
      const kept = title.slice(0, -1);
      expect(words.startsWith(kept)).toBe(true);
      // The cut falls between words: the next character of the message is a space.
      expect(words[kept.length]).toBe(' ');
      const graphemes = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(title)];
      expect(graphemes.length).toBeLessThanOrEqual(60);
      expect(title).toContain('👩‍👩‍👧‍👦');
    });
  });

  describe('rename', () => {
    it('renames a conversation: the list and its history show the new title', async () => {
      const id = await converse('Suggest a brand name for my candle shop');
      const renamed = await h.api.conversations.rename({ conversationId: id, title: '  Candle   naming\n ideas ' });
      expect(renamed).toMatchObject({ id, title: 'Candle naming ideas' });
      expect((await h.api.chat.history({ conversationId: id })).conversation.title).toBe('Candle naming ideas');
      const { items } = await h.api.conversations.list();
      expect(items[0]).toMatchObject({ id, title: 'Candle naming ideas' });
    });

    it('keeps the list’s order: renaming an older conversation does not move it to the top', async () => {
      const older = await converse('Plan my spring market stall');
      const newer = await converse('Write a launch post');
      await h.api.conversations.rename({ conversationId: older, title: 'Spring market' });
      const ids = (await h.api.conversations.list()).items.map((item) => item.id);
      expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    });

    it('refuses an empty or oversized title and an unknown id, with a sentence', async () => {
      const id = await converse('Another conversation');
      const empty = await rejection(h.api.conversations.rename({ conversationId: id, title: ' \n ' }));
      expect(empty).toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('is empty: give the conversation a name'),
      });
      const long = await rejection(h.api.conversations.rename({ conversationId: id, title: 'x'.repeat(201) }));
      expect(long).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('too long') });
      const unknown = await rejection(
        h.api.conversations.rename({ conversationId: '00000000-0000-4000-8000-000000000000', title: 'Hi' }),
      );
      expect(unknown).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('No conversation has this id.') });
      expect((await h.api.chat.history({ conversationId: id })).conversation.title).toBe('Another conversation');
    });
  });

  describe('delete', () => {
    it('deletes a conversation with its messages and turns, and nothing else', async () => {
      const keep = await converse('Keep me');
      const gone = await converse('Delete me');
      expect(await rowsOf(gone)).toEqual({ messages: 2, turns: 1 });

      expect(await h.api.conversations.delete({ conversationId: gone })).toEqual({ conversationId: gone });

      expect(await rowsOf(gone)).toEqual({ messages: 0, turns: 0 });
      expect(await rowsOf(keep)).toEqual({ messages: 2, turns: 1 });
      expect((await rejection(h.api.chat.history({ conversationId: gone }))).code).toBe('NOT_FOUND');
      const ids = (await h.api.conversations.list({ limit: 100 })).items.map((item) => item.id);
      expect(ids).toContain(keep);
      expect(ids).not.toContain(gone);
      expect((await rejection(h.api.conversations.delete({ conversationId: gone }))).code).toBe('NOT_FOUND');
    });

    it('refuses to delete while a reply is being written, and keeps everything', async () => {
      const started = await startTurn(database.db, {
        message: 'Still thinking',
        newConversationId: crypto.randomUUID(),
        tokens: 3,
      });
      const id = started.conversation.id;
      const refused = await rejection(h.api.conversations.delete({ conversationId: id }));
      expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('still being written') });
      expect(await rowsOf(id)).toEqual({ messages: 1, turns: 1 });
      const rows = await database.db.select().from(conversations).where(eq(conversations.id, id));
      expect(rows).toHaveLength(1);
    });

    it('refuses an id that is not a UUID', async () => {
      const bad = await rejection(h.api.conversations.delete({ conversationId: "1' or 1=1 --" }));
      expect(bad).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('conversationId') });
    });
  });

  describe('the last turn in the list', () => {
    it('marks a conversation whose last turn failed, until a retry completes it', async () => {
      h.script(modelError(new Error('upstream exploded')));
      const failure = await rejection(h.api.chat.send({ message: 'Plan my launch week' }));
      const turnId = (failure.cause as { turnId: string }).turnId;
      const healthy = await converse('A healthy one');
      const status = async (id: string) =>
        (await h.api.conversations.list({ limit: 100 })).items.find((item) => item.id === id)?.lastTurnStatus;
      const failed = (await h.api.conversations.list({ limit: 100 })).items.find((item) => item.title === 'Plan my launch week')!;
      expect(failed.lastTurnStatus).toBe('failed');
      expect(await status(healthy)).toBe('completed');

      h.script(routeTo(h.team, 'Producing', 'a plan'), reply('Day one: announce.'));
      await h.api.chat.retry({ turnId });
      expect(await status(failed.id)).toBe('completed');
    });
  });
}
