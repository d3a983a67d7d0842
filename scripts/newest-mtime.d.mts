// Types for newest-mtime.mjs (plain JavaScript, loaded by `npm start` before anything is built).
export function newestMtime(paths: string[]): number;
