#!/usr/bin/env node
// The `api-live-sync` bin. Kept tiny: everything lives in run-cli.ts and commands/.
import { processIo } from './cli-io.js'
import { runCli } from './run-cli.js'

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`api-live-sync: unexpected error: ${String(error)}\n`)
    process.exitCode = 2
  },
)
