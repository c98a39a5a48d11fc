import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { vi } from 'vitest'

/** The built bin: CLI tests run the real thing, as users do. */
export const CLI_PATH = join(import.meta.dirname, '..', '..', 'dist', 'cli.js')

/** Fails clearly when the bin has not been built. */
export function assertCliBuilt(): void {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run \`npx tsup\` (or \`npm run build\`) before the CLI tests`)
}

/** A running `api-live-sync` child process with its output so far. */
export interface CliProcess {
  readonly child: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves with the exit code (a signal exit becomes 128 + n, as a shell reports it). */
  readonly exited: Promise<number>
  /** Waits until stdout (or stderr) matches. */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<void>
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGTERM: 15, SIGKILL: 9 }

/** Environment without colour settings inherited from the terminal running the tests. */
export function plainEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra }
  if (!('FORCE_COLOR' in extra)) delete env.FORCE_COLOR
  if (!('NO_COLOR' in extra)) delete env.NO_COLOR
  return env
}

/** Starts `node dist/cli.js ...args`. */
export function startCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliProcess {
  const child = spawn(process.execPath, [CLI_PATH, ...args], { env: options.env ?? plainEnv(), cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => resolve(code ?? 128 + (SIGNAL_NUMBERS[signal ?? ''] ?? 0)))
  })
  const waitFor = (read: () => string, pattern: RegExp, timeoutMs: number) =>
    vi.waitFor(
      () => {
        if (!pattern.test(read())) throw new Error(`waiting for ${pattern} in:\n${read()}\n--- stderr:\n${stderr}`)
      },
      { timeout: timeoutMs, interval: 25 },
    )
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForStdout: (pattern, timeoutMs = 15_000) => waitFor(() => stdout, pattern, timeoutMs),
    waitForStderr: (pattern, timeoutMs = 15_000) => waitFor(() => stderr, pattern, timeoutMs),
  }
}

/** Runs the CLI to completion. */
export async function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const process = startCli(args, options)
  const code = await process.exited
  return { code, stdout: process.stdout(), stderr: process.stderr() }
}
