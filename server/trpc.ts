// The one tRPC root: context type, error formatting and the procedure builders.
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import type { AppContext } from './context.ts';
import { DomainError } from './errors.ts';
import { readableMessage } from './routers/readable-errors.ts';
import { domainDataOf, toTrpcError, turnIdOf } from './routers/to-trpc-error.ts';

function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.length ? issue.path.join('.') : 'input';
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

const t = initTRPC.context<AppContext>().create({
  errorFormatter({ shape, error, ctx }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    const turnId = turnIdOf(error);
    return {
      ...shape,
      message: zodError ? describeZodError(zodError) : readableMessage(error, ctx?.requestId),
      // Never the stack, not even in development: the log line under the request id has it.
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        ...(ctx?.requestId ? { requestId: ctx.requestId } : {}),
        ...(turnId ? { turnId } : {}),
        ...domainDataOf(error),
        ...(zodError ? { fields: z.flattenError(zodError).fieldErrors } : {}),
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const requireToken = t.middleware(({ ctx, next }) => {
  if (!ctx.authorized) throw new DomainError('UNAUTHORIZED');
  return next();
});

/**
 * Domain failures, and database outages no procedure expected, get their typed code here, once
 * for every procedure, instead of surfacing as INTERNAL_SERVER_ERROR.
 */
const mapFailures = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR') {
    const mapped = toTrpcError(result.error.cause);
    if (mapped instanceof TRPCError) throw mapped;
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapFailures).use(requireToken);
