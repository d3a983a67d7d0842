// Domain failures the chat layer raises; the API maps each to a tRPC code.
export type ChatErrorKind = 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT';

export class ChatError extends Error {
  constructor(
    readonly kind: ChatErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ChatError';
  }
}

export function conversationNotFound(): ChatError {
  return new ChatError('NOT_FOUND', 'No conversation has this id. Start a new one by sending without a conversationId.');
}
