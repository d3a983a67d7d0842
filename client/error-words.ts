// A failure in plain words: what happened and what to do next. The server's own message stays
// available as the technical detail.
export type Failure = { code: string; message: string };

/** Who serves the model: OpenAI's Responses API, or the server the owner configured. */
export function providerName(api: string | undefined): string {
  return api === 'responses' ? 'OpenAI' : 'The model server';
}

function httpStatus(message: string): number | null {
  const match = /HTTP (\d{3})/.exec(message);
  return match ? Number(match[1]) : null;
}

/**
 * Why a change made from a form failed: the server's own sentence when it answered, else that it
 * could not be reached and, when given, what was therefore not done.
 */
export function changeFailure(error: { data?: { code?: string } | null; message: string }, notDone?: string): string {
  return error.data?.code ? error.message : `Switchboard cannot be reached${notDone ? `: ${notDone}` : '.'}`;
}

export function plainWords(failure: Failure, provider = 'The model service'): string {
  const status = httpStatus(failure.message);
  switch (failure.code) {
    case 'MODEL_NOT_CONFIGURED':
    case 'PRECONDITION_FAILED':
      return 'No AI model is set up on this Switchboard yet. Set one on the server (see the banner), then retry: your message is saved.';
    case 'MODEL_TIMEOUT':
      return `${provider} took too long to answer. Try again in a moment.`;
    case 'MODEL_UNAVAILABLE':
      if (status === 429) return `${provider} is rate-limiting this key. Try again in a minute.`;
      if (status !== null) return `${provider} is having trouble right now. Try again in a minute.`;
      return `Switchboard could not get an answer from ${provider === 'OpenAI' ? 'OpenAI' : 'the model server'}. Check that the server can reach it, then try again.`;
    case 'MODEL_REJECTED':
      return `${provider} refused the request. Check the API key and the model name set on the server.`;
    case 'ROUTING_FAILED':
      return 'The assistant could not decide which expert should answer. Try again, or say a little more about what you need.';
    case 'MODEL_BEHAVIOR':
    case 'EMPTY_REPLY':
      return 'The model gave an answer Switchboard could not use. Try again; rephrasing can help.';
    case 'TOOL_FAILED':
      return 'A tool the expert used (such as web search) failed. Try again.';
    case 'INTERRUPTED':
      return 'Switchboard stopped while answering (it was restarted). Your message is saved: try again.';
    case 'CANCELLED':
      return 'You stopped this turn before the reply began. Your message is saved: retry it for an answer.';
    case 'TOO_MANY_REQUESTS':
      return 'This tab fell behind the reply and stopped following it. Reload to see it.';
    case 'NETWORK':
      return 'Switchboard cannot be reached, so the message was not sent. Your text is kept: send it again when the connection is back.';
    case 'LOST':
      return 'The connection was lost while the reply was being written. It will show here when Switchboard is back.';
    case 'CONFLICT':
      return 'This conversation is still answering another message. Wait for that reply, then try again.';
    case 'SERVICE_UNAVAILABLE':
      return 'Switchboard cannot reach its database right now. Try again in a moment.';
    case 'BAD_REQUEST':
      return failure.message;
    default:
      return 'Something went wrong with this answer. Try again.';
  }
}
