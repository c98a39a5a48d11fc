// The README's "Testing your integration" examples, run as a host would run them: in a fresh project
// outside this repository that depends on the packed tarball (`npm pack`), with vitest and TypeScript.
// The examples are read from README.md's code fences, so the README cannot drift from what works.
// Nothing touches the network: the tarball is unpacked by hand and its dependencies (and vitest) are
// linked from this repository's node_modules.
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const REPO = join(import.meta.dirname, '..')
const run = promisify(execFile)
const EXAMPLE_MARKER = /<!-- testing-example: ([\w.-]+\.test\.ts) -->\s*```ts\n([\s\S]*?)```/g

/** The examples of the README section, by file name, each the code fence after its marker comment. */
function readmeExamples(readme: string): Map<string, string> {
  return new Map([...readme.matchAll(EXAMPLE_MARKER)].map(([, name, code]) => [name!, code!]))
}

let project: string

beforeAll(async () => {
  if (!existsSync(join(REPO, 'dist', 'testing.js'))) throw new Error('dist/ is missing: run `npm run build` before this test')
  project = await mkdtemp(join(tmpdir(), 'als-consumer-'))
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', project], { cwd: REPO, maxBuffer: 16 * 1024 * 1024 })
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }]
  const installed = join(project, 'node_modules', 'api-live-sync')
  await mkdir(installed, { recursive: true })
  await run('tar', ['-xzf', join(project, filename), '-C', installed, '--strip-components=1'])
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
  for (const name of [...Object.keys(manifest.dependencies), 'vitest']) {
    await symlink(join(REPO, 'node_modules', name), join(project, 'node_modules', name), 'dir')
  }
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'host-app', private: true, type: 'module' }))
  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        lib: ['es2022', 'dom'],
        types: [],
        skipLibCheck: true,
        noEmit: true,
      },
      include: ['*.test.ts'],
    }),
  )
  for (const [name, code] of readmeExamples(readFileSync(join(REPO, 'README.md'), 'utf8'))) await writeFile(join(project, name), code)
}, 120_000)

afterAll(async () => {
  if (project !== undefined) await rm(project, { recursive: true, force: true })
})

describe('the README testing examples, in a project built from the packed tarball', () => {
  it('are the three the README promises', () => {
    expect([...readmeExamples(readFileSync(join(REPO, 'README.md'), 'utf8')).keys()]).toEqual([
      'changes-detected.test.ts',
      'retry-status.test.ts',
      'target-collection.test.ts',
    ])
  })

  it('type-check against the packed declarations (strict)', async () => {
    const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc')
    const outcome = await run(process.execPath, [tsc, '-p', project], { cwd: project }).catch((error: { stdout?: string }) => error)
    expect('stdout' in outcome ? outcome.stdout : '').toBe('')
  }, 120_000)

  it('pass under vitest', async () => {
    expect((await readdir(project)).filter((file) => file.endsWith('.test.ts'))).toHaveLength(3)
    const vitest = join(REPO, 'node_modules', 'vitest', 'vitest.mjs')
    const outcome = await run(process.execPath, [vitest, 'run', '--root', project, '--reporter=verbose'], {
      cwd: project,
      env: { ...process.env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: `${error.stdout ?? ''}\n${error.stderr ?? ''}`, failed: true }))
    expect('failed' in outcome ? outcome.stdout : '').toBe('')
    expect(outcome.stdout).toMatch(/Tests\s+3 passed \(3\)/)
  }, 180_000)
})
