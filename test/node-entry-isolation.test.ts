import { existsSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { isInvalidConfigError } from '../src/errors/errors.js'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { openapiDoc } from './helpers/fake-loader.js'

const DIST = join(import.meta.dirname, '..', 'dist')
const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')))

/** Every module specifier in a built file: static imports and re-exports, dynamic imports, requires. */
function specifiers(code: string): string[] {
  const found: string[] = []
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ]
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1]!)
  return found
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]!)
}

/** Follows relative imports from `entry` and returns every file reached with the specifiers it imports. */
function moduleGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  const pending = [resolve(entry)]
  while (pending.length > 0) {
    const file = pending.pop()!
    if (graph.has(file)) continue
    const imported = specifiers(readFileSync(file, 'utf8'))
    graph.set(file, imported)
    for (const specifier of imported) if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier))
  }
  return graph
}

function builtinImports(entry: string): string[] {
  const offending: string[] = []
  for (const [file, imported] of moduleGraph(entry)) {
    for (const specifier of imported) if (isNodeBuiltin(specifier)) offending.push(`${file.slice(DIST.length + 1)} imports ${specifier}`)
  }
  return offending
}

describe('the main and testing entries import no Node built-in (built output)', () => {
  beforeAll(() => {
    if (!['index.js', 'node.js', 'testing.js'].every((file) => existsSync(join(DIST, file)))) {
      throw new Error('dist/ is missing: run `npx tsup` (or `npm run build`) before this test')
    }
  })

  it('finds the imports of a module, and would flag a built-in', () => {
    const code = `import { a } from './chunk-A.js';\nimport fs from "fs";\nexport { b } from './chunk-B.js';\nconst m = await import('node:path');\nrequire("events")`
    expect(specifiers(code).sort()).toEqual(['./chunk-A.js', './chunk-B.js', 'events', 'fs', 'node:path'])
    expect(['fs', 'node:path', 'events', 'fs/promises', 'yaml', 'zod'].filter(isNodeBuiltin)).toEqual(['fs', 'node:path', 'events', 'fs/promises'])
  })

  it.each(['index.js', 'index.cjs', 'testing.js', 'testing.cjs'])('dist/%s and every chunk it reaches', (entry) => {
    const graph = moduleGraph(join(DIST, entry))
    expect(graph.size).toBeGreaterThan(1)
    expect(builtinImports(join(DIST, entry))).toEqual([])
  })

  it.each(['index.js', 'index.cjs', 'node.js', 'node.cjs', 'testing.js'])('dist/%s never reaches bullmq or ioredis (only api-live-sync/redis does)', (entry) => {
    const redisImports = (file: string) => [...moduleGraph(join(DIST, file)).values()].flat().filter((specifier) => /^(bullmq|ioredis)(\/|$)/.test(specifier))
    expect(redisImports(entry)).toEqual([])
    expect(redisImports('redis.js').length).toBeGreaterThan(0)
  })

  it('while the node entry does use them (so the scan is not vacuous)', () => {
    expect(builtinImports(join(DIST, 'node.js')).length).toBeGreaterThan(0)
  })
})

describe('a file source without the Node loader', () => {
  it('fails its sync with INVALID_CONFIG telling to use api-live-sync/node, without retrying', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'als-isolation-'))
    const service = new LiveSyncService({ retry: { retries: 3, minTimeout: 10, randomize: false } })
    try {
      const path = join(dir, 'openapi.json')
      await writeFile(path, openapiDoc({ 'get /pets': {} }))
      await service.addSource({ id: 'on-disk', name: 'On disk', type: 'openapi', filePath: path, refreshInterval: 0 })

      const result = await service.syncSource('on-disk')

      expect(result.status).toBe('failed')
      expect(result.attempts).toBe(1)
      expect(isInvalidConfigError(result.error)).toBe(true)
      expect(result.error?.message).toContain('api-live-sync/node')
      expect(service.getSourceStatus('on-disk')).toMatchObject({ status: 'failed', errorCode: 'INVALID_CONFIG' })
    } finally {
      await service.dispose()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
