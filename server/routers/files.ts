// files.list and files.delete; uploads and downloads are plain HTTP (server/http/files-route.ts).
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { deleteFile, listFiles } from '../../db/queries/files.ts';
import { resolveBusiness } from '../business/resolve-business.ts';
import { DomainError } from '../errors.ts';
import { toFileDto } from '../files/file-dto.ts';
import { publicProcedure } from '../trpc.ts';
import { businessId } from './inputs.ts';

const fileId = z.uuid({ message: 'must be a file id (a UUID), as listed by files.list' });

export const filesRouter = {
  list: publicProcedure.input(z.object({ businessId: businessId.optional() }).optional()).query(async ({ ctx, input }) => {
    if (input?.businessId) await resolveBusiness(ctx.chat.db, input.businessId);
    const rows = await listFiles(ctx.chat.db, input?.businessId);
    return { items: rows.map(toFileDto) };
  }),

  delete: publicProcedure.input(z.object({ fileId })).mutation(async ({ ctx, input }) => {
    if (!(await deleteFile(ctx.chat.db, input.fileId))) throw new DomainError('FILE_NOT_FOUND');
    return { fileId: input.fileId };
  }),
} satisfies TRPCRouterRecord;
