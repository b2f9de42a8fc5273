/**
 * A TCP proxy the fault tests put between riskloop and PostgreSQL, Redis or NATS, so a test can cut, blackhole or
 * slow one service for its own client without stopping the shared machine service other test runs use.
 *
 * Modes: `pass` forwards bytes; `delay` forwards them after `delayMs`; `blackhole` accepts and reads but never
 * answers (a hung server or a dropped network); `cut` resets every open connection and every new one at once (a
 * server that is down). `resume()` returns to `pass` — new connections work again.
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export type ProxyMode = 'pass' | 'delay' | 'blackhole' | 'cut';

export interface TcpProxy {
  readonly port: number;
  /** `host:port` of the proxy on loopback. */
  readonly address: string;
  readonly mode: ProxyMode;
  pass(): void;
  delay(ms: number): void;
  blackhole(): void;
  cut(): void;
  resume(): void;
  /** Connections opened through the proxy so far (a client that reconnects shows here). */
  readonly connectionsOpened: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'pass';
  let delayMs = 0;
  let opened = 0;
  const pairs = new Set<{ client: Socket; upstream: Socket }>();

  const destroyAll = () => {
    for (const p of pairs) {
      p.client.resetAndDestroy();
      p.upstream.destroy();
    }
    pairs.clear();
  };

  const forward = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => {
      if (mode === 'blackhole' || mode === 'cut') return; // swallowed: the peer waits for an answer that never comes
      if (mode === 'delay' && delayMs > 0) {
        from.pause();
        setTimeout(() => {
          if (!to.destroyed) to.write(chunk);
          from.resume();
        }, delayMs);
      } else if (!to.destroyed) to.write(chunk);
    });
  };

  const server: Server = createServer((client) => {
    opened++;
    if (mode === 'cut') {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    address: `127.0.0.1:${port}`,
    get mode() {
      return mode;
    },
    get connectionsOpened() {
      return opened;
    },
    pass() {
      mode = 'pass';
    },
    delay(ms) {
      mode = 'delay';
      delayMs = ms;
    },
    blackhole() {
      mode = 'blackhole';
    },
    cut() {
      mode = 'cut';
      destroyAll();
    },
    resume() {
      mode = 'pass';
    },
    async close() {
      destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
