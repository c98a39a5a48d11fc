import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { Redis } from 'ioredis'

/** Whether the Debian `redis-server` binary is on PATH. */
export const redisServerAvailable = spawnSync('redis-server', ['--version']).status === 0

/** Redis tests skip only outside CI; in CI a missing redis-server must fail them (see .ci/run). */
export const skipRedisTests = !redisServerAvailable && !process.env.CI

export const REDIS_SKIP_MESSAGE = '(skipped: redis-server not installed; `apt-get install redis-server`)'

export interface RedisServerHandle {
  port: number
  url: string
  stop(): Promise<void>
}

/** A free port: bind port 0, read what the kernel gave, release it (Redis needs a fixed port). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** Starts a throwaway redis-server on 127.0.0.1 with persistence off; waits until it answers PING. */
export async function startRedisServer(): Promise<RedisServerHandle> {
  const port = await freePort()
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
    { stdio: 'ignore' },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  probe.on('error', () => {}) // refused connections while the server boots are expected
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        if (probe.status !== 'ready') await probe.connect()
        if ((await probe.ping()) === 'PONG') break
      } catch (error) {
        if (attempt > 100 || child.exitCode !== null) throw new Error(`redis-server did not start on port ${port}: ${String(error)}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
  } finally {
    probe.disconnect()
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
