import { rm } from 'node:fs/promises'
import { afterEach, beforeAll } from 'vitest'
import { assertCliBuilt, type CliProcess } from './cli-process.js'
import type { TestServer } from './http-server.js'

/**
 * Shared set-up of the CLI test files: the bin must be built, and what a test starts is cleaned up
 * after it. Push child processes, servers and temp dirs onto these lists.
 */
export const running: CliProcess[] = []
export const servers: TestServer[] = []
export const dirs: string[] = []

beforeAll(assertCliBuilt)

afterEach(async () => {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL')
  await Promise.all(servers.splice(0).map((server) => server.close()))
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})
