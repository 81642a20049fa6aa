/** Types of bench/provenance.mjs, for the tests that import it. */
export declare const KERNEL_SOURCES: readonly string[];
export declare function kernelHash(root: string): string;
export declare function commitOf(root: string, ignore?: readonly string[]): string;
