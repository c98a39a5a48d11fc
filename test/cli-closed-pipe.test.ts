// `api-live-sync diff a b | head -1`: the reader closes the pipe after one line. The bin must end
// quietly with exit 0, not print an unhandled `write EPIPE` stack trace.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { assertCliBuilt, startCli, type CliProcess } from './helpers/cli-process.js'
import { dirs, spawned } from './helpers/cli-tests.js'

beforeAll(assertCliBuilt)

function api(paths: Record<string, unknown>): string {
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'Many', version: '1.0.0' }, paths })
}

/**
 * 20,000 operations: removing them all prints about 1 MB, far more than a pipe buffers (64 KiB) or a
 * busy reader drains before it gets to close its end, so writes go on after the reader left.
 */
function manyOperations(): string {
  const paths: Record<string, unknown> = {}
  for (let index = 0; index < 20_000; index++) paths[`/things/${index}/with/a/long/enough/path`] = { get: { responses: { '200': { description: 'ok' } } } }
  return api(paths)
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'als-closed-pipe-'))
  dirs.push(dir)
  return dir
}

/** Closes our end of the child's stdout once `pattern` has been read, as `head -1` does after its line. */
function closeStdoutAfter(cli: CliProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!pattern.test(cli.stdout())) return
      cli.child.stdout!.off('data', check)
      cli.child.stdout!.destroy()
      resolve()
    }
    cli.child.stdout!.on('data', check)
  })
}

describe('a closed stdout pipe', () => {
  it('ends diff quietly with exit 0 (breaking changes and all)', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'old.json'), manyOperations())
    await writeFile(join(dir, 'new.json'), api({}))
    const cli = startCli(['diff', 'old.json', 'new.json'], { cwd: dir })
    spawned.push(cli)

    await closeStdoutAfter(cli, /\n/)

    expect(await cli.exited).toBe(0)
    expect(cli.stderr()).toBe('')
    expect(cli.stdout()).toMatch(/^20000 breaking/)
  })

  it('stops watch as Ctrl-C does, with exit 0', async () => {
    const dir = await tempDir()
    const file = join(dir, 'openapi.json')
    await writeFile(file, manyOperations())
    const cli = startCli(['watch', 'openapi.json', '--interval', '1000'], { cwd: dir })
    spawned.push(cli)

    await closeStdoutAfter(cli, /in sync/)
    await writeFile(file, api({}))

    expect(await cli.exited).toBe(0)
    expect(cli.stderr()).not.toMatch(/EPIPE|Error/)
  })
})
