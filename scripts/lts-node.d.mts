/** Types for scripts/lts-node.mjs (plain JavaScript so that it runs on the machine's own Node). */
export declare const LTS_VERSION: string;
export declare function satisfies(version: string, range: string): boolean;
export declare function launcher(version: string): string;
