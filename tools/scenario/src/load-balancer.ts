import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { sleep } from '@lw/testing';

/** One backend of a balancer: a replica's base URL and what the balancer did with it. */
export interface Backend {
  url: string;
  /** Requests forwarded to it (answered or not). */
  served: number;
  inFlight: number;
  /** Out of rotation: drained by hand, or found refusing connections. */
  down: boolean;
}

export interface LoadBalancer {
  url: string;
  backends: Backend[];
  /** Takes a backend out of rotation and resolves once its requests in flight have answered. */
  drain(url: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A round-robin HTTP proxy in front of one service's replicas, like a Kubernetes Service: clients
 * see one URL. A backend refusing connections is taken out of rotation and the request goes to the
 * next one (nothing reached it, so even a POST is safe to resend); a connection cut mid-request
 * answers 502, as an ingress would (the request may or may not have taken effect).
 */
export async function startLoadBalancer(urls: readonly string[]): Promise<LoadBalancer> {
  const backends: Backend[] = urls.map((url) => ({ url, served: 0, inFlight: 0, down: false }));
  let next = 0;
  const pick = (): Backend | undefined => {
    for (let i = 0; i < backends.length; i++) {
      const b = backends[next++ % backends.length];
      if (!b.down) return b;
    }
    return undefined;
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), backends.length));
  });
  server.keepAliveTimeout = 5000;

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, triesLeft: number): void => {
    const backend = pick();
    if (!backend || triesLeft === 0) {
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ message: '服务暂不可用' }));
      return;
    }
    backend.served++;
    backend.inFlight++;
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      backend.inFlight--;
    };
    const target = new URL(req.url ?? '/', backend.url);
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', settle);
      answer.on('error', settle);
    });
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      settle();
      if (err.code === 'ECONNREFUSED') {
        backend.down = true;
        forward(req, res, body, triesLeft - 1);
      } else if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ message: '上游服务无应答' }));
      } else {
        res.destroy(err);
      }
    });
    upstream.end(body);
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    backends,
    async drain(url) {
      const b = backends.find((x) => x.url === url);
      if (!b) throw new Error(`no backend ${url}`);
      b.down = true;
      while (b.inFlight > 0) await sleep(20);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
