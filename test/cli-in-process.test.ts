import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCliInProcess } from './helpers/cli-in-process.js'

// The CLI tests run `runCli(argv, io)` in the test's process instead of spawning `node dist/cli.js`.
// What a spawned bin would print through `process.stdout`, `process.stderr` or the console (a stray
// write, a secret logged by mistake) must still reach the output those tests check.

let dir = ''
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = ''
})

describe('the in-process CLI helper', () => {
  it('keeps what the command writes to the process streams or the console during the run, and lets go of them after it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'als-cli-in-process-'))
    await writeFile(join(dir, 'a.graphql'), 'type Query {\n  a: String\n}\n')
    // The graphql import runs inside the command: a stand-in for any library code that writes where it must not.
    const noisyImport = async () => {
      process.stdout.write('stray stdout write\n')
      process.stderr.write(Buffer.from('stray stderr write\n'))
      console.log('stray %s', 'console.log')
      console.error('stray console.error')
      return import('graphql')
    }

    const [originalWrite, originalLog] = [process.stdout.write, console.log]
    const { code, stdout, stderr } = await runCliInProcess(['diff', 'a.graphql', 'a.graphql'], { cwd: dir, importGraphql: noisyImport })

    expect(code).toBe(0)
    expect(stdout).toBe('stray stdout write\nstray console.log\nno changes\n')
    expect(stderr).toBe('stray stderr write\nstray console.error\n')
    // No CLI runs any more: the streams and the console are the process's own again.
    expect(process.stdout.write).toBe(originalWrite)
    expect(console.log).toBe(originalLog)
  })
})
