// LISTEN on PostgreSQL: one connection of its own (a pooled one would be handed to someone else), opened on the
// first listen and opened again, with growing pauses, when it is lost. Whoever listens is told it was lost, since
// what was notified meanwhile is gone.
import pg from 'pg';

interface Channel {
  payloads: Set<(payload: string) => void>;
  reconnects: Set<() => void>;
}

export class PgListener {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly channels = new Map<string, Channel>();
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly connectionString: string) {}

  async listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    let entry = this.channels.get(channel);
    const first = !entry;
    if (!entry) {
      entry = { payloads: new Set(), reconnects: new Set() };
      this.channels.set(channel, entry);
    }
    entry.payloads.add(onPayload);
    if (onReconnect) entry.reconnects.add(onReconnect);
    const client = await this.connect();
    if (first) await client.query(`LISTEN ${channel}`);
    return () => {
      entry.payloads.delete(onPayload);
      if (onReconnect) entry.reconnects.delete(onReconnect);
    };
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString });
      client.on('notification', (n) => {
        for (const cb of this.channels.get(n.channel)?.payloads ?? []) cb(n.payload ?? '');
      });
      client.on('error', () => this.lost(client));
      client.on('end', () => this.lost(client));
      try {
        await client.connect();
        for (const channel of this.channels.keys()) await client.query(`LISTEN ${channel}`);
      } catch (err) {
        this.connecting = null;
        client.end().catch(() => {});
        throw err;
      }
      this.client = client;
      this.connecting = null;
      return client;
    })();
    return this.connecting;
  }

  private lost(client: pg.Client, pause = 200) {
    if (this.client !== client && this.client !== null) return;
    this.client = null;
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect().then(
        () => {
          for (const entry of this.channels.values()) for (const cb of entry.reconnects) cb();
        },
        () => this.lost(client, Math.min(pause * 2, 10_000)),
      );
    }, pause);
    this.retryTimer.unref();
  }

  async close() {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client ?? (await this.connecting?.catch(() => null));
    this.client = null;
    await client?.end().catch(() => {});
  }
}
