#!/usr/bin/env node
// The `api-live-sync` bin. Kept tiny: everything lives in run-cli.ts and commands/.
import { processIo } from './process-io.js'
import { closedPipeSignal } from './closed-pipe.js'
import { runCli } from './run-cli.js'

// A closed stdout or stderr (`| head -1`) ends the command quietly, with exit code 0 (`watch` stops as on Ctrl-C).
const closed = closedPipeSignal([process.stdout, process.stderr])
closed.addEventListener('abort', () => {
  process.exitCode = 0
})

runCli(process.argv.slice(2), { ...processIo(), signal: closed }).then(
  (code) => {
    process.exitCode = closed.aborted ? 0 : code
  },
  (error: unknown) => {
    if (!closed.aborted) process.stderr.write(`api-live-sync: unexpected error: ${String(error)}\n`)
    process.exitCode = closed.aborted ? 0 : 2
  },
)
