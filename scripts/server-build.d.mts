// Types for server-build.mjs (plain JavaScript: `npm start` loads it before anything is built,
// and a .ts file there would load Node's type stripper into the server's process).
export type BuildOptions = { entry: string; outdir: string; sources: string[] };
export const serverBuild: BuildOptions;
export function buildIfStale(options?: BuildOptions): Promise<string>;
export function serverBundle(): string | undefined;
