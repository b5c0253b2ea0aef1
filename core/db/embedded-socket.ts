// The embedded database's socket server: PGlite is one PostgreSQL session, and this server lets many pg
// connections (Prisma's pool, pg-boss, the backup CLI) share it without their statements mixing.
//
// Each connection's bytes are cut into protocol messages and collected into batches that end where the client
// waits for an answer: Sync, a simple Query, Flush, CopyDone/CopyFail, a password message, or the startup
// message. A batch goes to PGlite whole, so connection A's Parse/Bind/Execute can no longer be split by B's
// (@electric-sql/pglite-socket queued every message on its own, which interleaved them outside transactions).
//
// All batches wait in one queue and run one at a time. After a batch the session may still belong to its
// connection: an open transaction (BEGIN … COMMIT), or an extended-protocol exchange not yet closed by Sync (a
// portal read in pages with Flush). Until that connection settles, only its batches run; the others keep their
// order and wait. A connection that closes while holding the session is rolled back, and the others go on.
import fs from 'node:fs';
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

const code = (c: string) => c.charCodeAt(0);
/** messages after which the client waits for an answer (or, for X, goes away) */
const SYNC = code('S');
const QUERY = code('Q');
const FLUSH = code('H');
const TERMINATE = code('X');
const BATCH_ENDS = new Set([SYNC, QUERY, FLUSH, code('p'), code('c'), code('f')]);
const READY_FOR_QUERY = code('Z');
const NOTIFICATION_RESPONSE = code('A');
/** a message longer than this is a broken client, not a query (PostgreSQL's own limit is 1 GB) */
const MAX_MESSAGE = 1 << 30;

export interface EmbeddedSocketOptions {
  db: PGlite;
  /** the Unix socket to listen on; made owner-only (0600) */
  path: string;
  /** connections beyond this are refused with PostgreSQL's "too many clients" error */
  maxConnections: number;
}

interface Connection {
  socket: net.Socket;
  /** bytes received and not yet cut into messages */
  input: Buffer;
  /** complete messages of the batch being collected */
  pending: Buffer[];
  /** the startup message has been seen: from now on every message has a type byte */
  started: boolean;
  closed: boolean;
}

interface Batch {
  conn: Connection;
  bytes: Uint8Array;
  /** the type byte of the batch's last message (0 for the startup message) */
  last: number;
  /** the connection closed while holding the session: end what it left open, answer nobody */
  cleanup?: boolean;
}

export class EmbeddedSocketServer {
  private readonly db: PGlite;
  private readonly opts: EmbeddedSocketOptions;
  private readonly server: net.Server;
  private readonly connections = new Set<Connection>();
  private queue: Batch[] = [];
  /** the connection the session belongs to between its batches (open transaction or unsynced exchange) */
  private owner: Connection | null = null;
  /** the batch running now, if any */
  private running: Batch | null = null;
  private draining: Promise<void> | null = null;
  /** LISTEN channels of the process (Database.listen): the session listens, and its notifications come here */
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();

  constructor(opts: EmbeddedSocketOptions) {
    this.opts = opts;
    this.db = opts.db;
    this.server = net.createServer((socket) => this.accept(socket));
  }

  async start(): Promise<void> {
    await this.db.waitReady;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.path, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    fs.chmodSync(this.opts.path, 0o600);
  }

  /** Stops listening, closes every connection (rolling back an open transaction) and waits for the queue. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const conn of this.connections) {
      this.closeConnection(conn);
      conn.socket.destroy();
    }
    await this.draining;
    await closed;
  }

  private accept(socket: net.Socket) {
    socket.on('error', () => socket.destroy()); // ECONNRESET and the like: 'close' follows
    if (this.connections.size >= this.opts.maxConnections) {
      hangUp(socket, errorResponse('53300', 'sorry, too many clients already'));
      return;
    }
    const conn: Connection = { socket, input: Buffer.alloc(0), pending: [], started: false, closed: false };
    this.connections.add(conn);
    socket.on('data', (data) => this.receive(conn, data));
    socket.on('close', () => this.closeConnection(conn));
  }

  /** Cuts the connection's bytes into messages and queues every completed batch. */
  private receive(conn: Connection, data: Buffer) {
    if (conn.closed) return;
    conn.input = conn.input.length ? Buffer.concat([conn.input, data]) : data;
    for (;;) {
      const buf = conn.input;
      if (!conn.started) {
        // before startup: int32 length, int32 code, no type byte
        if (buf.length < 8) return;
        const length = buf.readInt32BE(0);
        if (length < 8 || length > 10_000) return this.protocolError(conn);
        if (buf.length < length) return;
        const requestCode = buf.readInt32BE(4);
        const message = buf.subarray(0, length);
        conn.input = buf.subarray(length);
        if (requestCode === SSL_REQUEST || requestCode === GSSENC_REQUEST) {
          conn.socket.write('N'); // no encryption on a private socket; the client goes on in plain text
        } else if (requestCode === CANCEL_REQUEST) {
          hangUp(conn.socket); // PGlite has no backend to interrupt: nothing to do (no answer is expected)
          return;
        } else if (requestCode === PROTOCOL_3) {
          conn.started = true;
          this.enqueue({ conn, bytes: Buffer.from(message), last: 0 });
        } else {
          return this.protocolError(conn);
        }
        continue;
      }
      // after startup: type byte, int32 length (counting itself), body
      if (buf.length < 5) return;
      const length = buf.readInt32BE(1);
      if (length < 4 || length > MAX_MESSAGE) return this.protocolError(conn);
      if (buf.length < 1 + length) return;
      const type = buf[0]!;
      const message = buf.subarray(0, 1 + length);
      conn.input = buf.subarray(1 + length);
      if (type === TERMINATE) {
        // never passed on: PGlite would ignore it, and its session must outlive this connection
        hangUp(conn.socket);
        this.closeConnection(conn);
        return;
      }
      conn.pending.push(message);
      if (BATCH_ENDS.has(type)) {
        // copied: `message` may be a view into a buffer the socket reuses
        this.enqueue({ conn, bytes: Buffer.concat(conn.pending), last: type });
        conn.pending = [];
      }
    }
  }

  private protocolError(conn: Connection) {
    hangUp(conn.socket, errorResponse('08P01', 'invalid frontend message'));
    this.closeConnection(conn);
  }

  /** Forgets a connection's queued batches; if it holds the session, queues the rollback that frees it. */
  private closeConnection(conn: Connection) {
    if (conn.closed) return;
    conn.closed = true;
    this.connections.delete(conn);
    this.queue = this.queue.filter((b) => b.conn !== conn);
    if (this.owner === conn || this.running?.conn === conn) {
      // first in line: it must run before anyone else gets the session
      this.queue.unshift({ conn, bytes: new Uint8Array(0), last: 0, cleanup: true });
      this.drain();
    }
  }

  private enqueue(batch: Batch) {
    this.queue.push(batch);
    this.drain();
  }

  /** Runs queued batches until the queue is empty or waits for the connection holding the session. */
  private drain() {
    if (this.draining) return; // the loop running now will take it
    this.draining = (async () => {
      await Promise.resolve(); // `draining` is set before the loop can end
      try {
        for (;;) {
          const owner = this.owner;
          const i = owner ? this.queue.findIndex((b) => b.conn === owner) : 0;
          if (i < 0 || i >= this.queue.length) return;
          const batch = this.queue.splice(i, 1)[0]!;
          this.running = batch;
          await this.run(batch);
          this.running = null;
        }
      } finally {
        this.draining = null;
      }
    })();
  }

  private async run(batch: Batch) {
    const { db } = this;
    const { conn } = batch;
    if (batch.cleanup) {
      if (this.owner !== conn) return; // its last batch settled the session after all
      this.owner = null;
      const discard = { onRawData: () => {} };
      await db
        .runExclusive(async () => {
          // Sync ends an unfinished extended-protocol exchange; then roll back an open transaction
          await db.execProtocolRawStream(message(SYNC, Buffer.alloc(0)), discard);
          if (db.isInTransaction()) await db.execProtocolRawStream(message(QUERY, cString('ROLLBACK')), discard);
        })
        .catch(() => {}); // PGlite closed under us: nothing is left to free
      return;
    }
    // the last bytes written: whether the answer ended with ReadyForQuery
    let tail = Buffer.alloc(0);
    const notifications = this.listeners.size ? new NotificationReader((channel, payload) => this.dispatch(channel, payload)) : null;
    try {
      await db.runExclusive(() =>
        db.execProtocolRawStream(batch.bytes, {
          onRawData: (data) => {
            if (data.length === 0) return;
            const out = Buffer.from(data); // a copy: PGlite reuses its buffer
            tail = Buffer.concat([tail, out]).subarray(-6);
            notifications?.read(out);
            if (!conn.closed && conn.socket.writable) conn.socket.write(out);
          },
        }),
      );
    } catch {
      // PGlite itself failed (closed under us, a bad startup message): this connection cannot go on
      conn.socket.destroy();
    }
    // The session stays this connection's while a transaction is open (isInTransaction is true for an explicit
    // block, also a failed one) or while its exchange is unfinished: a Flush, or a Query/CopyDone not yet
    // answered with ReadyForQuery (COPY FROM STDIN waits for data). Sync always ends an exchange.
    const answered = tail.length === 6 && tail[0] === READY_FOR_QUERY && tail.readInt32BE(1) === 5;
    const settled = batch.last === SYNC || (batch.last !== FLUSH && answered);
    // (a connection that closed meanwhile and still holds it has its cleanup first in the queue)
    this.owner = db.isInTransaction() || !settled ? conn : null;
  }

  private dispatch(channel: string, payload: string) {
    // after the answer that carried it has gone out: a listener's own queries queue behind it
    for (const cb of this.listeners.get(channel) ?? []) queueMicrotask(() => cb(payload));
  }

  /**
   * Calls `onPayload` with every notification on `channel` (NOTIFY / pg_notify, delivered when its transaction
   * commits). The one session LISTENs; PostgreSQL hands a session's notifications to whichever exchange runs when
   * they are due, so every answer is read for them (NotificationResponse messages) on its way out.
   */
  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.db.runExclusive(() => this.db.execProtocolRawStream(message(QUERY, cString(`LISTEN ${channel}`)), { onRawData: () => {} }));
    }
    set.add(onPayload);
    return () => void set.delete(onPayload);
  }
}

/**
 * Reads the messages of an answer as they stream out, whole or cut anywhere, and reports its NotificationResponse
 * messages (Int32 process id, channel and payload as C strings).
 */
class NotificationReader {
  private partial = Buffer.alloc(0);
  constructor(private readonly found: (channel: string, payload: string) => void) {}

  read(chunk: Buffer) {
    let buf = this.partial.length ? Buffer.concat([this.partial, chunk]) : chunk;
    while (buf.length >= 5) {
      const length = buf.readInt32BE(1);
      if (buf.length < 1 + length) break;
      if (buf[0] === NOTIFICATION_RESPONSE) {
        const body = buf.subarray(9, 1 + length);
        const end = body.indexOf(0);
        this.found(body.subarray(0, end).toString('utf8'), body.subarray(end + 1, body.indexOf(0, end + 1)).toString('utf8'));
      }
      buf = buf.subarray(1 + length);
    }
    this.partial = Buffer.from(buf);
  }
}

/** Ends a connection from this side: what is written goes out first, then the socket is gone (stop() waits for none). */
function hangUp(socket: net.Socket, last?: Buffer) {
  socket.end(last ?? Buffer.alloc(0), () => socket.destroy());
}

/** One typed protocol message. */
function message(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head[0] = type;
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

function cString(s: string): Buffer {
  return Buffer.from(`${s}\0`, 'utf8');
}

/** A FATAL ErrorResponse, as PostgreSQL answers a connection it refuses. */
function errorResponse(sqlState: string, text: string): Buffer {
  const fields = Buffer.concat([
    Buffer.from('S'), cString('FATAL'),
    Buffer.from('V'), cString('FATAL'),
    Buffer.from('C'), cString(sqlState),
    Buffer.from('M'), cString(text),
    Buffer.from([0]),
  ]);
  return message(code('E'), fields);
}
