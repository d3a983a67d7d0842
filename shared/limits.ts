// Limits the server enforces and the client shows before sending.
export const MAX_MESSAGE_CHARS = 16_000;
/** One fact of a business profile, whoever writes it (the owner or an expert's `remember`). */
export const MAX_FACT_CHARS = 500;
export const MAX_BUSINESS_NAME_CHARS = 100;
/** A document's content, in UTF-8 bytes: an owner's edit must fit one API request (256 KB) with room to spare. */
export const MAX_DOCUMENT_BYTES = 200 * 1024;
export const MAX_DOCUMENT_TITLE_CHARS = 200;
