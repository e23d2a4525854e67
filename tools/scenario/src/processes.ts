import { spawn, type ChildProcess } from 'child_process';
import { join } from 'path';
import { createInterface } from 'readline';

export const ROOT = join(__dirname, '..', '..', '..');

/** One service as its own OS process, its output kept (bounded) to explain a failure. */
export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the URL from its "service listening" log line. */
  listening: Promise<string>;
  output(): string;
  stop(): Promise<void>;
}

const KEEP_LINES = 200;
const STOP_GRACE_MS = 30_000;

/** `entry` (with `args`) replaces the service's own main.ts, e.g. tools/scenario/src/replica-main.ts. */
export function startServiceProcess(name: string, env: NodeJS.ProcessEnv, entry: { path: string; args: string[] } = { path: `apps/${name}/src/main.ts`, args: [] }): ServiceProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry.path, ...entry.args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > KEEP_LINES) lines.splice(0, lines.length - KEEP_LINES);
  };
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(line);
      if (!line.includes('service listening')) return;
      try {
        resolve(JSON.parse(line).url);
      } catch {
        reject(new Error(`${name}: unreadable listening line ${line}`));
      }
    });
    createInterface({ input: child.stderr! }).on('line', keep);
    void exited.then((code) => reject(new Error(`${name} exited (${code}) before listening:\n${lines.join('\n')}`)));
  });
  listening.catch(() => undefined); // observed by whoever awaits it; no unhandled rejection meanwhile
  return {
    name,
    child,
    listening,
    output: () => lines.join('\n'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM'); // graceful: drain, commit offsets, close
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
