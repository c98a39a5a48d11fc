import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CliInput } from '../src/cli/cli-io.js'
import { runCliInProcess, startCliInProcess, type InProcessCli } from './helpers/cli-in-process.js'

// Issue 15: `watch --out file --review` asks before writing each change to the collection.

const running: InProcessCli[] = []
let dir = ''
afterEach(async () => {
  for (const cli of running.splice(0)) {
    cli.stop()
    await cli.exited
  }
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = ''
})

const ok = { '200': { description: 'ok' } }
const api = (paths: Record<string, unknown>) => JSON.stringify({ openapi: '3.0.3', info: { title: 'Pets', version: '1' }, paths })
const listPets = { get: { operationId: 'listPets', summary: 'List pets', responses: ok } }
const v1 = api({ '/pets': listPets, '/pets/{id}': { delete: { operationId: 'deletePet', summary: 'Delete a pet', responses: ok } } })
const v2 = api({
  '/pets': { ...listPets, post: { operationId: 'createPet', summary: 'Create a pet', responses: ok } },
  '/pets/{id}': { delete: { operationId: 'deletePet', summary: 'Delete a pet', responses: ok } },
})

/** A terminal whose user answers each question with `answer(prompt)`; every prompt is recorded. */
function scriptedTerminal(answer: (prompt: string) => string | undefined): CliInput & { prompts: string[] } {
  const prompts: string[] = []
  return {
    isTTY: true,
    prompts,
    question(prompt) {
      prompts.push(prompt)
      return Promise.resolve(answer(prompt))
    },
  }
}

type PostmanItem = { name: string; item?: PostmanItem[] }
const names = (file: string): string[] => {
  const flatten = (list: PostmanItem[]): PostmanItem[] => list.flatMap((item) => (item.item ? flatten(item.item) : [item]))
  return flatten((JSON.parse(readFileSync(file, 'utf8')) as { item: PostmanItem[] }).item)
    .map((item) => item.name)
    .sort()
}

async function project(document: string): Promise<{ spec: string; out: string }> {
  dir = await mkdtemp(join(tmpdir(), 'als-review-'))
  const spec = join(dir, 'openapi.json')
  await writeFile(spec, document)
  return { spec, out: join(dir, 'pets.postman.json') }
}

describe('api-live-sync watch --out --review', () => {
  it('asks per item on a terminal, writes only what was accepted, and offers a skipped item again when the spec changes', async () => {
    const { spec, out } = await project(v1)
    let script = (prompt: string): string => (prompt.includes('DELETE /pets/{id}') ? 'n' : 'y')
    const terminal = scriptedTerminal((prompt) => script(prompt))
    const cli = startCliInProcess(['watch', spec, '--out', out, '--review', '--interval', '600000'], { cwd: dir, stdin: terminal })
    running.push(cli)
    await cli.waitForStderr(/wrote pets\.postman\.json: 1 added, 0 updated, 0 removed; 1 skipped/)
    expect(cli.stderr()).toMatch(/review: 3 changes to pets\.postman\.json/)
    expect(cli.stderr()).toContain('+ added DELETE /pets/{id}')
    expect(terminal.prompts.map((prompt) => prompt.slice(0, 3))).toEqual(['1/3', '2/3', '3/3'])
    expect(names(out)).toEqual(['List pets'])

    // The spec changes: the new operation and the skipped one are offered; "all" takes both.
    script = () => 'a'
    await writeFile(spec, v2)
    await cli.waitForStderr(/wrote pets\.postman\.json: 2 added/)
    expect(terminal.prompts.at(-1)).toMatch(/^1\/2 /)
    expect(names(out)).toEqual(['Create a pet', 'Delete a pet', 'List pets'])
  })

  it('re-asks on an unknown answer, and quit writes only the answers given before it', async () => {
    const { spec, out } = await project(v1)
    const answers = ['maybe', 'y', 'q']
    const terminal = scriptedTerminal(() => answers.shift())
    const cli = startCliInProcess(['watch', spec, '--out', out, '--review', '--interval', '600000'], { cwd: dir, stdin: terminal })
    running.push(cli)
    await cli.waitForStderr(/wrote pets\.postman\.json: 1 added, 0 updated, 0 removed; 2 skipped/)
    expect(cli.stderr()).toContain('answer y (accept), n (skip)')
    expect(terminal.prompts).toHaveLength(3)
    expect(names(out)).toHaveLength(1)
  })

  it('without a terminal it prints the plan, says how to review, and writes nothing', async () => {
    const { spec, out } = await project(v1)
    const cli = startCliInProcess(['watch', spec, '--out', out, '--review', '--interval', '600000'], { cwd: dir })
    running.push(cli)
    await cli.waitForStderr(/not written: run this command in a terminal/)
    expect(cli.stderr()).toContain('review: 3 changes to pets.postman.json')
    expect(existsSync(out)).toBe(false)
  })

  it('the input ending before any answer writes nothing', async () => {
    const { spec, out } = await project(v1)
    const cli = startCliInProcess(['watch', spec, '--out', out, '--review', '--interval', '600000'], { cwd: dir, stdin: scriptedTerminal(() => undefined) })
    running.push(cli)
    await cli.waitForStderr(/pets\.postman\.json not written: nothing accepted/)
    expect(existsSync(out)).toBe(false)
  })

  it('with --json prints the plan as data (a review:required line) and writes nothing', async () => {
    const { spec, out } = await project(v1)
    const cli = startCliInProcess(['watch', spec, '--out', out, '--review', '--json', '--interval', '600000'], { cwd: dir, stdin: scriptedTerminal(() => 'y') })
    running.push(cli)
    await cli.waitForStdout(/"event":"review:required"/)
    const line = cli
      .stdout()
      .split('\n')
      .find((text) => text.includes('"review:required"'))!
    const { plan } = JSON.parse(line) as { plan: { id: string; items: Array<{ id: string; kind: string }>; inputs?: unknown } }
    expect(plan.items.map((item) => item.id).sort()).toEqual(['added:DELETE /pets/{id}', 'added:GET /pets', 'collection'])
    expect(plan.inputs).toBeUndefined()
    expect(existsSync(out)).toBe(false)
  })

  it('--review without --out is a usage error', async () => {
    const { code, stderr } = await runCliInProcess(['watch', 'openapi.json', '--review'])
    expect(code).toBe(2)
    expect(stderr).toContain('--review goes with --out')
  })
})


