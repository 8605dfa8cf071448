/**
 * The size of the chunks an export job stores its file in: `exportChunkBytes` (1 MiB), provided
 * by ExportsModule. Tests override it with a few hundred bytes so a small ledger's file spans
 * many chunks, as a large one's does.
 */
export const EXPORT_CHUNK_BYTES = Symbol('EXPORT_CHUNK_BYTES');
