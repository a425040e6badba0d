// Types for scripts/ensure-built.js (plain JavaScript, so npm start needs no TypeScript loader), imported by the benchmarks.
export declare const MAIN: string;
export declare function ensureBuilt(opts?: { quiet?: boolean }): Promise<void>;
