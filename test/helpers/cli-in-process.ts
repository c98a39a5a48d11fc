import { format } from 'node:util'
import { vi } from 'vitest'
import type { CliInput, CliIo } from '../../src/cli/cli-io.js'
import { runCli } from '../../src/cli/run-cli.js'
import type { GraphqlImporter } from '../../src/formats/graphql/graphql-module.js'

/** A CLI run in this process through `runCli(argv, io)`, with its output so far. */
export interface InProcessCli {
  stdout(): string
  stderr(): string
  /** Resolves with the exit code. */
  readonly exited: Promise<number>
  /** Stops a long-running command the way Ctrl-C does. */
  stop(): void
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<void>
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>
}

export interface InProcessOptions {
  cwd?: string
  env?: Record<string, string>
  isTTY?: boolean
  importGraphql?: GraphqlImporter
  /** Where questions are answered (`watch --review`). */
  stdin?: CliInput
}

/**
 * Starts `api-live-sync ...argv` in-process: no build, no child process, and seams tests can set.
 * The io is a pipe's (not a terminal, no colour settings, no questions asked) unless options say
 * otherwise, as for `node dist/cli.js` spawned by a test. Like a real process's output, stdout and
 * stderr also hold what anything writes to `process.stdout`, `process.stderr` or the console while
 * the command runs, so a test that expects no output (or no secret in it) fails on a stray write.
 */
export function startCliInProcess(argv: string[], options: InProcessOptions = {}): InProcessCli {
  let stdout = ''
  let stderr = ''
  const stopCapture = captureProcessOutput((stream, text) => {
    if (stream === 'stdout') stdout += text
    else stderr += text
  })
  const controller = new AbortController()
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.isTTY ?? false },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.isTTY ?? false },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    signal: controller.signal,
    handleProcessSignals: false,
    ...(options.importGraphql === undefined ? {} : { importGraphql: options.importGraphql }),
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  }
  const exited = runCli(argv, io).finally(stopCapture)
  const waitFor = (read: () => string, pattern: RegExp, timeoutMs: number) =>
    vi.waitFor(
      () => {
        if (!pattern.test(read())) throw new Error(`waiting for ${pattern} in:\n${read()}\n--- stderr:\n${stderr}`)
      },
      { timeout: timeoutMs, interval: 10 },
    )
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    stop: () => controller.abort(),
    waitForStdout: (pattern, timeoutMs = 10_000) => waitFor(() => stdout, pattern, timeoutMs),
    waitForStderr: (pattern, timeoutMs = 10_000) => waitFor(() => stderr, pattern, timeoutMs),
  }
}

/**
 * `vi.useFakeTimers(WAITS_ONLY)`: fake waits (poll interval, back-off, timeouts) for a watch test
 * that would otherwise sleep through them; sockets, file events and `Date` stay real. Move time with
 * `vi.advanceTimersByTimeAsync` once the command waits (note that `vi.waitFor` also moves it).
 */
export const WAITS_ONLY: Parameters<typeof vi.useFakeTimers>[0] = { toFake: ['setTimeout', 'clearTimeout'] }

/** Runs a command that ends by itself (diff, discover, a failing watch) to completion. */
export async function runCliInProcess(argv: string[], options: InProcessOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const cli = startCliInProcess(argv, options)
  const code = await cli.exited
  return { code, stdout: cli.stdout(), stderr: cli.stderr() }
}

/** An importer that fails like a missing optional peer dependency. */
export const graphqlMissing: GraphqlImporter = () => Promise.reject(Object.assign(new Error("Cannot find package 'graphql'"), { code: 'ERR_MODULE_NOT_FOUND' }))

type OutputListener = (stream: 'stdout' | 'stderr', text: string) => void
const outputListeners = new Set<OutputListener>()
let restoreProcessOutput: (() => void) | undefined

/** Hands every write to the process's streams or console to `listener` (and on, as before) until the returned function is called. */
function captureProcessOutput(listener: OutputListener): () => void {
  if (outputListeners.size === 0) restoreProcessOutput = teeProcessOutput((stream, text) => outputListeners.forEach((each) => each(stream, text)))
  outputListeners.add(listener)
  return () => {
    if (!outputListeners.delete(listener) || outputListeners.size > 0) return
    restoreProcessOutput?.()
    restoreProcessOutput = undefined
  }
}

/** Wraps `process.stdout.write`, `process.stderr.write` and the console (vitest routes the console past the streams). */
function teeProcessOutput(listener: OutputListener): () => void {
  const restores: Array<() => void> = []
  for (const stream of ['stdout', 'stderr'] as const) {
    const target = process[stream]
    const write = target.write
    target.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      listener(stream, typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'))
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest)
    } as typeof target.write
    restores.push(() => (target.write = write))
  }
  const consoleStreams = { log: 'stdout', info: 'stdout', debug: 'stdout', error: 'stderr', warn: 'stderr' } as const
  for (const [method, stream] of Object.entries(consoleStreams) as Array<[keyof typeof consoleStreams, 'stdout' | 'stderr']>) {
    const original = console[method]
    console[method] = (...args: unknown[]) => {
      listener(stream, `${format(...args)}\n`)
      original.apply(console, args)
    }
    restores.push(() => (console[method] = original))
  }
  return () => restores.forEach((restore) => restore())
}
