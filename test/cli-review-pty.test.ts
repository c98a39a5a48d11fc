import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CLI_PATH, plainEnv } from './helpers/cli-process.js'

// Issue 15: one smoke test of `watch --review` on a real pseudo-terminal (util-linux `script`), so the
// readline questions, raw mode and Ctrl-C work as a user at a terminal sees them.

const scriptAvailable = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0
let dir = ''
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = ''
})

const ok = { '200': { description: 'ok' } }
const spec = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'Pets', version: '1' },
  paths: {
    '/pets': { get: { operationId: 'listPets', summary: 'List pets', responses: ok } },
    '/pets/{id}': { delete: { operationId: 'deletePet', summary: 'Delete a pet', responses: ok } },
  },
})

describe.skipIf(!scriptAvailable || !existsSync(CLI_PATH))('watch --review on a pseudo-terminal (skipped: needs util-linux script and a built dist/cli.js)', () => {
  it('asks, writes the accepted change, and stops on Ctrl-C', async () => {
    dir = await mkdtemp(join(tmpdir(), 'als-review-pty-'))
    await writeFile(join(dir, 'openapi.json'), spec)
    // `exec`: the shell `script` starts (dash when SHELL is unset, as on CI) must not stay in the
    // foreground group, or it takes the Ctrl-C itself and exits 130.
    const command = 'exec ' + [process.execPath, CLI_PATH, 'watch', 'openapi.json', '--out', 'pets.postman.json', '--review', '--interval', '600000'].map((part) => `'${part}'`).join(' ')
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: dir, env: plainEnv({ NO_COLOR: '1' }), stdio: ['pipe', 'pipe', 'pipe'] })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    try {
      // Skip the DELETE endpoint, accept the rest, whatever order the plan lists them in.
      const answer = async (index: number) => {
        const prompt = new RegExp(`${index}/3 ([^\\n]*?)accept\\?`)
        await vi.waitFor(() => expect(output).toMatch(prompt), { timeout: 15_000, interval: 20 })
        child.stdin.write(prompt.exec(output)![1]!.includes('DELETE') ? 'n\r' : 'y\r')
      }
      for (const index of [1, 2, 3]) await answer(index)
      await vi.waitFor(() => expect(output).toContain('wrote pets.postman.json: 1 added'), { timeout: 15_000, interval: 20 })
      const written = JSON.parse(readFileSync(join(dir, 'pets.postman.json'), 'utf8')) as { item: unknown[] }
      expect(JSON.stringify(written.item)).toContain('List pets')
      expect(JSON.stringify(written.item)).not.toContain('Delete a pet')
      child.stdin.write('\u0003')
      expect(await exited).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  }, 30_000)
})
