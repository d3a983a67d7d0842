// The one tRPC root: context type, error formatting and the procedure builders.
import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { AppContext } from './context.ts';

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
    const turnId = error.cause instanceof Error && 'turnId' in error.cause ? String(error.cause.turnId) : undefined;
    return {
      ...shape,
      message: zodError ? describeZodError(zodError) : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        ...(turnId ? { turnId } : {}),
        ...(zodError ? { fields: z.flattenError(zodError).fieldErrors } : {}),
        ...(ctx?.exposeStacks && shape.data.stack ? { stack: shape.data.stack } : {}),
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const requireToken = t.middleware(({ ctx, next }) => {
  if (!ctx.authorized) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'This Switchboard needs an access token: send it as "Authorization: Bearer <token>".',
    });
  }
  return next();
});

export const publicProcedure = t.procedure.use(requireToken);
