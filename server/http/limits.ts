// Request limits the server enforces and its own clients keep to.
export const MAX_BODY_BYTES = 256 * 1024;
/** Calls in one `?batch=1` request: each may run a model turn, so a batch is a budget. */
export const MAX_BATCH_SIZE = 10;
