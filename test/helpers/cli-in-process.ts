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

/** Starts `api-live-sync ...argv` in-process: no build, no child process, and seams tests can set. */
export function startCliInProcess(argv: string[], options: InProcessOptions = {}): InProcessCli {
  let stdout = ''
  let stderr = ''
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
  const exited = runCli(argv, io)
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

/** Runs a command that ends by itself (diff, discover, a failing watch) to completion. */
export async function runCliInProcess(argv: string[], options: InProcessOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const cli = startCliInProcess(argv, options)
  const code = await cli.exited
  return { code, stdout: cli.stdout(), stderr: cli.stderr() }
}

/** An importer that fails like a missing optional peer dependency. */
export const graphqlMissing: GraphqlImporter = () => Promise.reject(Object.assign(new Error("Cannot find package 'graphql'"), { code: 'ERR_MODULE_NOT_FOUND' }))
