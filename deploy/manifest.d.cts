// Types of deploy/manifest.cjs (plain CommonJS so webpack.config.js can require it).
export declare const DEV_BASE: string;
export declare function normalizeBase(text: string): string;
export declare function productionManifest(devXml: string, base: string): string;
