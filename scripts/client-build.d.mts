// Types for client-build.mjs (plain JavaScript, loaded by `npm start` before anything is built).
export function buildClientIfStale(): number;
