/**
 * COPY FROM STDIN over `pg` without another dependency: a `pg.Query` that answers the server's CopyInResponse with
 * the data (in chunks, as CopyData messages) and CopyDone. Errors (a bad row, a duplicate key) come back as the
 * query's error with the server's message, which names the line; the transaction is then aborted as usual.
 */
import pg from 'pg';

const CHUNK = 1 << 20;

interface CopyConnection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

type Done = (err: Error | undefined, result: { rowCount: number | null }) => void;

class CopyIn extends pg.Query {
  constructor(
    text: string,
    private readonly data: string,
    done: Done,
  ) {
    // a callback, not events: with a query timeout pg wraps the callback and an error is never emitted as an event
    super(text, done as never);
  }
  // called by pg's client when the server is ready for the rows
  handleCopyInResponse(connection: CopyConnection): void {
    const buf = Buffer.from(this.data, 'utf8');
    for (let at = 0; at < buf.length; at += CHUNK) connection.sendCopyFromChunk(buf.subarray(at, at + CHUNK));
    connection.endCopyFrom();
  }
}

/** Run `copy … from stdin` on one client; resolves with the rows copied. */
export function copyIn(client: pg.ClientBase, sql: string, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const q = new CopyIn(sql, text, (err, result) => (err ? reject(err) : resolve(result?.rowCount ?? 0)));
    void client.query(q);
  });
}
