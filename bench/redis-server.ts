/**
 * A Redis of its own for a test or a benchmark: Debian's redis-server on 127.0.0.1, on a free port,
 * with no persistence, stopped by `stop()`. Used by test/sweep-queue.test.ts and bench/sweep.ts.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** The path of redis-server, or undefined when it is not installed. */
export function redisServerPath(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RedisServer {
  /** `redis://127.0.0.1:PORT`. */
  readonly url: string;
  /** A client connected to it (it answered PING). */
  readonly redis: Redis;
  readonly process: ChildProcess;
  /** Disconnects the client and stops the server. */
  stop(): Promise<void>;
}

/** Starts redis-server (the path `redisServerPath` gave) and waits up to 10 s for its PONG. */
export async function startRedis(server: string): Promise<RedisServer> {
  const port = await freePort();
  const child = spawn(
    server,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const stop = async (client?: Redis) => {
    client?.disconnect();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    const attempt = new Redis({ host: '127.0.0.1', port, lazyConnect: true, retryStrategy: () => null });
    attempt.on('error', () => {});
    try {
      await attempt.connect();
      if ((await attempt.ping()) === 'PONG')
        return {
          url: `redis://127.0.0.1:${port}`,
          redis: attempt,
          process: child,
          stop: () => stop(attempt),
        };
    } catch {
      attempt.disconnect();
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('redis-server did not start within 10 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
