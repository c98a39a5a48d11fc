import type { GraphqlImporter } from '../formats/graphql/graphql-module.js'
import type { Clock } from '../model/clock.js'

/** Where a command writes: `process.stdout` / `process.stderr` or a test double. */
export interface CliOutput {
  write(text: string): unknown
  /** True for a terminal: enables colours and the progress line. */
  readonly isTTY?: boolean | undefined
}

/** Where a command asks its user (`watch --review`): the terminal, or answers a test scripts. */
export interface CliInput {
  /** True when a person can answer (stdin is a terminal). */
  readonly isTTY?: boolean | undefined
  /** Shows `prompt` and resolves the line typed; `undefined` when the input ended or `signal` aborted. */
  question(prompt: string, signal?: AbortSignal): Promise<string | undefined>
}

/** Everything a command touches outside its arguments, so it can run in-process (the demo, tests). */
export interface CliIo {
  readonly stdout: CliOutput
  readonly stderr: CliOutput
  /** Environment variables (`NO_COLOR`, `FORCE_COLOR`). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** Directory relative file paths resolve against. */
  readonly cwd: string
  /** Ends long-running commands (`watch`) the way Ctrl-C does. */
  readonly signal?: AbortSignal | undefined
  /** Whether `watch` stops on SIGINT and SIGTERM of this process. */
  readonly handleProcessSignals: boolean
  /** The `fetch` used for URLs. @default globalThis.fetch */
  readonly fetch?: typeof fetch | undefined
  /** Loads the optional `graphql` package (tests simulate it missing). @default import('graphql') */
  readonly importGraphql?: GraphqlImporter | undefined
  /** Where questions are answered; without one, nothing is asked (as without a terminal). */
  readonly stdin?: CliInput | undefined
  /** The clock of timeouts and polls (a test's fake clock). @default the platform's timers */
  readonly clock?: Clock | undefined
}
