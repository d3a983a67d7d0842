// Domain failures as the API's typed errors, from the one table in server/errors.ts; the cause
// stays attached so the formatter can add the turn's id.
import { TRPCError } from '@trpc/server';
import { isDatabaseUnavailable } from '../../db/errors.ts';
import { DomainError, ERRORS } from '../errors.ts';

/** A TRPCError for any failure the product names; anything else is returned as it is. */
export function toTrpcError(error: unknown): unknown {
  const domain = error instanceof TRPCError && error.cause instanceof DomainError ? error.cause : error;
  if (domain instanceof DomainError) {
    return new TRPCError({ code: ERRORS[domain.code].trpc, message: domain.message, cause: domain });
  }
  if (isDatabaseUnavailable(error)) return toTrpcError(new DomainError('DATABASE_UNAVAILABLE', { cause: error }));
  return error;
}

/** The turn a failure belongs to, so a client can offer to retry it. */
export function turnIdOf(error: TRPCError): string | null {
  return error.cause instanceof DomainError ? (error.cause.turnId ?? null) : null;
}

/** What a failure tells a client beyond its code (server/errors.ts DomainError.data). */
export function domainDataOf(error: TRPCError): DomainError['data'] {
  return error.cause instanceof DomainError ? error.cause.data : {};
}
