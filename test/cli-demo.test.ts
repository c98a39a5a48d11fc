import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { plainEnv } from './helpers/cli-process.js'

const ROOT = join(import.meta.dirname, '..')
const STEP_MS = 1500
/** Four steps, then time for the last one to be polled (the demo polls every second at this step length). */
const DURATION_MS = STEP_MS * 4 + 3000

function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], {
      cwd: ROOT,
      env: plainEnv({ DEMO_DURATION_MS: String(DURATION_MS), DEMO_STEP_MS: String(STEP_MS) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('npm run demo (examples/demo.ts)', () => {
  it('shows the four changes of the evolving API as they happen, then stops by itself with exit 0', { timeout: DURATION_MS + 20_000 }, async () => {
    const { code, stdout, stderr } = await runDemo()

    expect(stderr).toContain('Watching 1 source')
    expect(code).toBe(0)
    expect(stdout).toMatch(/in sync: openapi 3\.0\.3, "Pet Store \(demo\)" 1\.0\.0, 2 operations/)
    // Each change on its own line; not their order, since a slow machine may see two steps in one poll.
    expect(stdout).toMatch(/^\s+POST \/pets was added \[operation-added\]$/m)
    expect(stdout).toMatch(/^\s+GET \/pets: query parameter 'limit' became required \[request-parameter-became-required\]$/m)
    // A change in a shared component is one cause (the operations it reaches are listed with it).
    expect(stdout).toMatch(/^\s+property 'nickname' was removed .*\(in component Pet\).*\[schema-property-removed\] in \d+ operations?: /m)
    expect(stdout).toMatch(/^\s+GET \/animals\/\{petId\} was GET \/pets\/\{petId\}.*\[operation-path-changed\]$/m)
    expect(stdout).toMatch(/>> Demo finished\.\n$/)
  })
})
