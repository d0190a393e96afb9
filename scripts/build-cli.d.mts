// Types for scripts/build-cli.mjs (plain JavaScript so that `prepare` needs no TypeScript).
export declare const CLI_DIST: string;
export declare function buildCli(): Promise<void>;
