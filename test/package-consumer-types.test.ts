// Issue 13 item 4: a TypeScript user's project type-checks against the packed package with
// `strict` on and `skipLibCheck` off, with and without the optional peer `graphql` installed, and
// writes source configs with the input type (`enabled` left out). Runs offline: the tarball is
// unpacked into a temp project whose other dependencies are links to this repo's node_modules.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const REPO = join(import.meta.dirname, '..')
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc')
const run = promisify(execFile)
const RUNTIME_DEPENDENCIES = ['zod', 'yaml', 'eventemitter3', 'p-queue', 'p-retry']

const CONSUMER = `
import { LiveSyncService, createGraphqlFormat, type LiveSourceConfigInput, type SyncResult } from 'api-live-sync'
import { createNodeLoader, createFileWatcher } from 'api-live-sync/node'

const pets: LiveSourceConfigInput = { id: 'pets', name: 'Pets', type: 'openapi', url: 'http://127.0.0.1:8000/openapi.json', refreshInterval: 5000 }
const service = new LiveSyncService({ loader: createNodeLoader(), watcher: createFileWatcher(), formats: [createGraphqlFormat({ importGraphql: () => Promise.reject(new Error('no graphql')) })] })
await service.addSource(pets)
service.on('sync:failed', (result: SyncResult) => console.log(result.error?.code))
await service.dispose()
`

let tarball = ''
let work = ''

beforeAll(async () => {
  if (!existsSync(join(REPO, 'dist', 'index.d.ts'))) throw new Error('dist/ is missing: run `npm run build` before this test')
  work = await mkdtemp(join(tmpdir(), 'als-consumer-'))
  const { stdout } = await run('npm', ['pack', '--pack-destination', work, '--json', '--ignore-scripts'], { cwd: REPO })
  tarball = join(work, (JSON.parse(stdout) as Array<{ filename: string }>)[0]!.filename)
}, 60_000)

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

async function consumerProject(name: string, withGraphql: boolean): Promise<string> {
  const dir = join(work, name)
  const modules = join(dir, 'node_modules')
  await mkdir(join(modules, '@types'), { recursive: true })
  await run('tar', ['-xzf', tarball, '-C', dir])
  await rename(join(dir, 'package'), join(modules, 'api-live-sync'))
  for (const dependency of [...RUNTIME_DEPENDENCIES, ...(withGraphql ? ['graphql'] : [])]) {
    await symlink(join(REPO, 'node_modules', dependency), join(modules, dependency), 'dir')
  }
  await symlink(join(REPO, 'node_modules', '@types', 'node'), join(modules, '@types', 'node'), 'dir')
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }))
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, skipLibCheck: false, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: ['node'] },
      files: ['index.ts'],
    }),
  )
  await writeFile(join(dir, 'index.ts'), CONSUMER)
  return dir
}

describe('the packed package type-checks in a strict consumer project, skipLibCheck off', () => {
  it.each([
    ['with graphql installed', true],
    ['without graphql', false],
  ])('%s', async (name, withGraphql) => {
    const dir = await consumerProject(name.replace(/\s+/g, '-'), withGraphql)
    expect(existsSync(join(dir, 'node_modules', 'graphql'))).toBe(withGraphql)
    const result = await run(process.execPath, [TSC, '-p', dir], { cwd: dir }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string }) => error.stdout ?? String(error),
    )
    expect(result).toBe('')
  }, 120_000)
})
