// The owner's facts come first: a model's change to one the owner wrote or confirmed waits for
// profile.accept / profile.dismiss; every change keeps the old text, its writer and when; a fact
// written after reading web results says so.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { type FakeSearxng, startFakeSearxng } from '../support/fake-searxng.ts';
import { callTool, reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

export function ownerFactsSuite(kind: DriverKind) {
  let database: Database;
  let searx: FakeSearxng;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    searx = await startFakeSearxng([{ title: 'Soy wax', url: 'https://example.test/wax', content: 'Soy wax costs 5 EUR/kg.' }]);
  });
  afterAll(async () => {
    await database?.close();
    await searx?.close();
  });

  async function onNewBusiness() {
    const h = chatHarness(database, { tools: { api: 'chat_completions', searxngUrl: searx.url } });
    const business = await h.api.businesses.create({ name: `Shop ${Math.random()}` });
    return { ...h, businessId: business.id };
  }

  /** One Producing turn that calls remember with these arguments. */
  async function remembers(h: Awaited<ReturnType<typeof onNewBusiness>>, ...calls: Record<string, unknown>[]) {
    h.script(routeTo(h.team, 'Producing', 'Shop facts.'), ...calls.map((args) => callTool('remember', args)), reply('Noted.'));
    return h.api.chat.send({ businessId: h.businessId, message: 'Keep this in mind' });
  }

  it('an accepted proposal becomes the fact, confirmed; the owner’s text stays in its history; the next change waits again', async () => {
    const h = await onNewBusiness();
    const owner = await h.api.profile.add({ businessId: h.businessId, text: 'Candles cost 24 EUR.' });
    const ref = owner.id.slice(0, 8);
    // The same proposal twice in one turn is one proposal.
    const { turn } = await remembers(
      h,
      { fact: 'Candles cost 26 EUR.', replaces: ref },
      { fact: 'Candles cost 26 EUR.', replaces: ref },
    );
    const { proposals } = await h.api.profile.get({ businessId: h.businessId });
    expect(proposals).toHaveLength(1);

    const accepted = await h.api.profile.accept({ proposalId: proposals[0]!.id });
    expect(accepted).toMatchObject({
      id: owner.id,
      text: 'Candles cost 26 EUR.',
      source: { kind: 'agent', agent: 'Producing', turnId: turn.id },
      confirmedAt: expect.any(String),
    });
    expect((await h.api.profile.get({ businessId: h.businessId })).proposals).toEqual([]);
    const { versions } = await h.api.profile.history({ factId: owner.id });
    expect(versions.map((v) => [v.text, v.source.kind, v.replacedAt === null])).toEqual([
      ['Candles cost 26 EUR.', 'agent', true],
      ['Candles cost 24 EUR.', 'user', false],
    ]);
    expect(versions[1]!.writtenAt).toBe(owner.updatedAt);

    // Confirmed by the owner, the fact is theirs: a model's next change waits too.
    await remembers(h, { fact: 'Candles cost 30 EUR.', replaces: ref });
    const again = await h.api.profile.get({ businessId: h.businessId });
    expect(again.facts.find((f) => f.id === owner.id)!.text).toBe('Candles cost 26 EUR.');
    expect(again.proposals.map((p) => [p.currentText, p.text])).toEqual([['Candles cost 26 EUR.', 'Candles cost 30 EUR.']]);
  });

  it('a model may correct its own fact at once, and the old text stays in the history', async () => {
    const h = await onNewBusiness();
    await remembers(h, { fact: 'Wax comes from Hive & Co.' });
    const [fact] = (await h.api.profile.get({ businessId: h.businessId })).facts;
    await remembers(h, { fact: 'Wax comes from Bees Ltd.', replaces: fact!.id.slice(0, 8) });
    const profile = await h.api.profile.get({ businessId: h.businessId });
    expect(profile.proposals).toEqual([]);
    expect(profile.facts.map((f) => f.text)).toEqual(['Wax comes from Bees Ltd.']);
    const { versions } = await h.api.profile.history({ factId: fact!.id });
    expect(versions.map((v) => [v.text, v.source.kind])).toEqual([
      ['Wax comes from Bees Ltd.', 'agent'],
      ['Wax comes from Hive & Co.', 'agent'],
    ]);

    // The owner's edit is theirs from then on, and keeps what the model had written.
    await h.api.profile.update({ factId: fact!.id, text: 'Wax comes from our own hives.' });
    const edited = await h.api.profile.history({ factId: fact!.id });
    expect(edited.versions.map((v) => [v.text, v.source.kind])).toEqual([
      ['Wax comes from our own hives.', 'user'],
      ['Wax comes from Bees Ltd.', 'agent'],
      ['Wax comes from Hive & Co.', 'agent'],
    ]);
  });

  it('a fact written after a web search says it was learned from the web results', async () => {
    const h = await onNewBusiness();
    h.script(
      routeTo(h.team, 'Strategic', 'Pricing.'),
      callTool('web_search', { query: 'soy wax price' }),
      callTool('remember', { fact: 'Soy wax costs 5 EUR per kg.' }),
      reply('Soy wax is about 5 EUR/kg.'),
    );
    await h.api.chat.send({ businessId: h.businessId, message: 'What does soy wax cost?' });
    const { facts } = await h.api.profile.get({ businessId: h.businessId });
    expect(facts).toEqual([
      expect.objectContaining({ text: 'Soy wax costs 5 EUR per kg.', learnedFrom: [{ kind: 'web', query: 'soy wax price' }] }),
    ]);
    // A fact the owner says in a turn that read nothing is just the owner's conversation.
    await remembers(h, { fact: 'We open on Saturdays.' });
    const saturday = (await h.api.profile.get({ businessId: h.businessId })).facts.find(
      (f) => f.text === 'We open on Saturdays.',
    );
    expect(saturday!.learnedFrom).toEqual([]);
  });

  it('answers a decision on an unknown, decided or orphaned proposal with a clear error, changing nothing', async () => {
    const h = await onNewBusiness();
    const owner = await h.api.profile.add({ businessId: h.businessId, text: 'We ship only in the EU.' });
    await remembers(h, { fact: 'We ship worldwide.', replaces: owner.id.slice(0, 8) });
    const [proposal] = (await h.api.profile.get({ businessId: h.businessId })).proposals;

    const unknown = await rejection(h.api.profile.accept({ proposalId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/No proposed change/) });
    expect((await rejection(h.api.profile.dismiss({ proposalId: 'not-an-id' }))).code).toBe('BAD_REQUEST');
    expect((await rejection(h.api.profile.history({ factId: '00000000-0000-4000-8000-000000000000' }))).code).toBe('NOT_FOUND');

    // Forgotten meanwhile: the proposal is gone from the profile and cannot bring the fact back.
    await h.api.profile.forget({ factId: owner.id });
    expect((await h.api.profile.get({ businessId: h.businessId })).proposals).toEqual([]);
    expect((await rejection(h.api.profile.accept({ proposalId: proposal!.id }))).code).toBe('NOT_FOUND');
    expect((await h.api.profile.get({ businessId: h.businessId })).facts).toEqual([]);
  });
}
