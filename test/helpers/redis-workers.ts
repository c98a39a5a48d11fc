import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

const WORKER_SCRIPT = join(import.meta.dirname, 'redis-worker-process.mjs')

/** A worker instance running in a child process (see redis-worker-process.mjs). */
export interface WorkerProcess {
  readonly name: string
  readonly child: ChildProcess
  /** Every `changes <sourceId>` line it printed, by source. */
  readonly changes: Map<string, number>
  readonly ready: Promise<void>
  readonly exited: Promise<void>
  /** SIGTERM: it disposes its instance (finishing its syncs) and exits. */
  stop(): Promise<void>
}

export function spawnWorker(name: string, env: { port: number; queue: string; lockMs: number; concurrency?: number }): WorkerProcess {
  const child = spawn(process.execPath, [WORKER_SCRIPT], {
    env: {
      ...process.env,
      REDIS_PORT: String(env.port),
      QUEUE: env.queue,
      WORKER_NAME: name,
      LOCK_MS: String(env.lockMs),
      CONCURRENCY: String(env.concurrency ?? 20),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const changes = new Map<string, number>()
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const ready = new Promise<void>((resolve, reject) => {
    let buffered = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) {
        if (line === 'ready') resolve()
        if (line.startsWith('changes ')) {
          const sourceId = line.slice('changes '.length)
          changes.set(sourceId, (changes.get(sourceId) ?? 0) + 1)
        }
      }
    })
    child.once('exit', (code) => reject(new Error(`worker ${name} exited (${code}) before it was ready: ${stderr}`)))
  })
  return {
    name,
    child,
    changes,
    ready,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
