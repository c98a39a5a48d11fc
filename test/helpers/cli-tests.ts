import { rm } from 'node:fs/promises'
import { afterEach, vi } from 'vitest'
import type { InProcessCli } from './cli-in-process.js'
import type { CliProcess } from './cli-process.js'
import type { TestServer } from './http-server.js'

/**
 * Shared clean-up of the CLI test files: what a test starts is stopped after it (on real timers
 * again, if it faked them). Push in-process CLIs, child processes, servers and temp dirs onto these lists.
 */
export const running: InProcessCli[] = []
export const spawned: CliProcess[] = []
export const servers: TestServer[] = []
export const dirs: string[] = []

afterEach(async () => {
  vi.useRealTimers()
  for (const cli of running.splice(0)) {
    cli.stop()
    await cli.exited
  }
  for (const cli of spawned.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL')
  await Promise.all(servers.splice(0).map((server) => server.close()))
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})
