import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { allowedTools, revokeTool } from '../../db/queries/allowances.ts';
import { deleteConnection, findConnection, insertConnection, updateConnection } from '../../db/queries/connections.ts';
import { resolveBusiness } from '../business/resolve-business.ts';
import { type ConnectionDto, listConnections } from '../connections/connection-dto.ts';
import { type Connections, configId } from '../connections/connections.ts';
import type { AppContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { publicProcedure } from '../trpc.ts';
import { addConnectionInput, connectionId, updateConnectionInput } from './connection-inputs.ts';
import { businessId } from './inputs.ts';

function connectionsIn(ctx: AppContext): Connections {
  if (!ctx.connections) throw new DomainError('INTERNAL', { message: 'Connections are not set up on this server.' });
  return ctx.connections;
}

async function listFor(ctx: AppContext, db: Db, business: string): Promise<ConnectionDto[]> {
  const allowed = new Set((await allowedTools(db, business)).map((a) => `${a.server}\n${a.tool}`));
  return listConnections(connectionsIn(ctx), business, allowed);
}

async function shown(ctx: AppContext, id: string, business: string): Promise<ConnectionDto> {
  const found = (await listFor(ctx, ctx.chat.db, business)).find((c) => c.id === id);
  if (!found) throw new DomainError('CONNECTION_NOT_FOUND');
  return found;
}

/** The connection a request names and its business; a config server has no row, and every business. */
async function located(ctx: AppContext, id: string) {
  const connections = connectionsIn(ctx);
  const config = connections.config.servers.find((spec) => configId(spec.name) === id);
  if (config) return { config, row: null, businessId: (await resolveBusiness(ctx.chat.db, undefined)).id };
  const row = z.uuid().safeParse(id).success ? await findConnection(ctx.chat.db, id) : undefined;
  if (!row) throw new DomainError('CONNECTION_NOT_FOUND');
  return { config: null, row, businessId: row.businessId };
}

export const connectionsRouter = {
  list: publicProcedure.input(z.object({ businessId: businessId.optional() })).query(async ({ ctx, input }) => {
    const business = await resolveBusiness(ctx.chat.db, input.businessId);
    return listFor(ctx, ctx.chat.db, business.id);
  }),

  /** Stored even when the server cannot be reached yet: it answers with status "error" and why. */
  add: publicProcedure.input(addConnectionInput).mutation(async ({ ctx, input }) => {
    const business = await resolveBusiness(ctx.chat.db, input.businessId);
    if (connectionsIn(ctx).config.servers.some((spec) => spec.name === input.name))
      throw new DomainError('CONNECTION_NAME_TAKEN');
    const row = await insertConnection(ctx.chat.db, {
      businessId: business.id,
      name: input.name,
      url: input.url,
      headers: input.headers ?? {},
      experts: input.experts,
    });
    if (!row) throw new DomainError('CONNECTION_NAME_TAKEN');
    return shown(ctx, row.id, business.id);
  }),

  update: publicProcedure.input(updateConnectionInput).mutation(async ({ ctx, input }) => {
    const { config, row, businessId: business } = await located(ctx, input.connectionId);
    const changes = { url: input.url, headers: input.headers, experts: input.experts };
    const edits = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (config && Object.keys(edits).length) throw new DomainError('CONNECTION_FROM_CONFIG');
    const server = config?.name ?? row!.name;
    for (const tool of input.revoke ?? []) await revokeTool(ctx.chat.db, business, { server, tool });
    if (row && Object.keys(edits).length) {
      await updateConnection(ctx.chat.db, row.id, edits);
      await connectionsIn(ctx).forget(row.id);
    }
    return shown(ctx, input.connectionId, business);
  }),

  remove: publicProcedure.input(z.object({ connectionId })).mutation(async ({ ctx, input }) => {
    const { config, row } = await located(ctx, input.connectionId);
    if (config || !row) throw new DomainError('CONNECTION_FROM_CONFIG');
    if (!(await deleteConnection(ctx.chat.db, row.id, row.businessId))) throw new DomainError('CONNECTION_NOT_FOUND');
    await connectionsIn(ctx).forget(row.id);
    return { connectionId: row.id };
  }),

  refresh: publicProcedure
    .input(z.object({ connectionId: connectionId.optional(), businessId: businessId.optional() }))
    .mutation(async ({ ctx, input }) => {
      connectionsIn(ctx).refresh(input.connectionId);
      const business = input.connectionId
        ? (await located(ctx, input.connectionId)).businessId
        : (await resolveBusiness(ctx.chat.db, input.businessId)).id;
      return listFor(ctx, ctx.chat.db, business);
    }),
} satisfies TRPCRouterRecord;
