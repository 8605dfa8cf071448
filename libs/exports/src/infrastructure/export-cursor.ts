import type { Tx } from '@lumbung/database';

/**
 * Rows of `sql` in batches of `batchSize` through a server-side cursor (DECLARE ... FETCH) in the
 * caller's transaction: the result never sits whole in this process, so memory stays the same
 * whatever the size. The caller's transaction gives the snapshot (REPEATABLE READ, read only:
 * every cursor of one export sees the same ledger).
 */
export async function* cursorBatches<R>(
  tx: Tx,
  name: string,
  sql: string,
  params: readonly unknown[],
  batchSize: number,
): AsyncGenerator<R[]> {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`cursor name ${name}`);
  await tx.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
  let open = true;
  try {
    for (;;) {
      const rows = await tx.query<R>(`FETCH FORWARD ${batchSize} FROM ${name}`);
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) break;
    }
    open = false;
    await tx.query(`CLOSE ${name}`);
  } finally {
    // Left early (a consumer stopped, an error): close it so the name can be declared again.
    // In an aborted transaction CLOSE fails too; the rollback ends the cursor anyway.
    if (open) await tx.query(`CLOSE ${name}`).catch(() => undefined);
  }
}
