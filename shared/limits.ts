// Limits the server enforces and the client shows before sending.
export const MAX_MESSAGE_CHARS = 16_000;
