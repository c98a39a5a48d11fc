import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// Issue 10: which folder of `src/` may import which, and no import cycle anywhere. The table is the
// one in docs/architecture.md; a new folder must be added to both before it can import anything.

const SRC = join(import.meta.dirname, '..', 'src')

const CORE_LEAVES = ['model', 'errors', 'shared']
/** Folders each folder may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  errors: [],
  model: ['errors'],
  shared: ['model', 'errors'],
  runtime: [...CORE_LEAVES],
  config: [...CORE_LEAVES],
  store: [...CORE_LEAVES],
  events: [...CORE_LEAVES],
  diff: [...CORE_LEAVES, 'config'],
  formats: [...CORE_LEAVES, 'runtime', 'config', 'diff'],
  report: [...CORE_LEAVES, 'diff', 'formats'],
  loaders: [...CORE_LEAVES, 'runtime', 'config', 'formats'],
  collections: [...CORE_LEAVES, 'diff', 'formats'],
  discovery: [...CORE_LEAVES, 'runtime', 'config', 'formats', 'loaders'],
  service: [...CORE_LEAVES, 'runtime', 'config', 'store', 'events', 'diff', 'formats', 'loaders', 'collections'],
  testing: [...CORE_LEAVES, 'runtime', 'config', 'store', 'events', 'diff', 'formats', 'loaders', 'collections', 'service'],
  node: [...CORE_LEAVES, 'runtime', 'config', 'store', 'events', 'diff', 'formats', 'loaders', 'collections', 'service', 'discovery'],
  redis: [...CORE_LEAVES, 'runtime', 'config', 'store', 'events', 'diff', 'formats', 'loaders', 'collections', 'service'],
  cli: [...CORE_LEAVES, 'runtime', 'config', 'store', 'events', 'diff', 'formats', 'loaders', 'collections', 'service', 'discovery', 'report', 'node'],
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** Relative imports and re-exports of a file, type-only ones included (a type cycle is still a cycle of concepts). */
function relativeImports(file: string): string[] {
  const code = readFileSync(file, 'utf8')
  const found: string[] = []
  for (const match of code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"](\.[^'"]+)['"]|\bimport\s*\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    const specifier = match[1] ?? match[2]!
    found.push(resolve(dirname(file), specifier).replace(/\.js$/, '.ts'))
  }
  return found
}

/** The top folder of a file under src/ (`src/formats/openapi/x.ts` -> `formats`); files directly in src/ are the entries. */
function folderOf(file: string): string {
  const parts = relative(SRC, file).split('/')
  return parts.length === 1 ? '(entry)' : parts[0]!
}

const graph = new Map(sourceFiles(SRC).map((file) => [file, relativeImports(file)]))

/** Strongly connected components of more than one file (or a file importing itself), by Tarjan's algorithm. */
function fileCycles(): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (file: string): void => {
    index.set(file, counter)
    low.set(file, counter)
    counter += 1
    stack.push(file)
    onStack.add(file)
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue
      if (!index.has(target)) {
        visit(target)
        low.set(file, Math.min(low.get(file)!, low.get(target)!))
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!))
      }
    }
    if (low.get(file) !== index.get(file)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(relative(SRC, member))
    } while (member !== file)
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(component.sort())
  }
  for (const file of graph.keys()) if (!index.has(file)) visit(file)
  return cycles
}

describe('the folders of src/ import each other only downwards (docs/architecture.md)', () => {
  it('knows every folder', () => {
    const folders = new Set([...graph.keys()].map(folderOf))
    folders.delete('(entry)')
    expect([...folders].filter((folder) => ALLOWED[folder] === undefined)).toEqual([])
  })

  it('has no import a folder is not allowed', () => {
    const offending: string[] = []
    for (const [file, targets] of graph) {
      const from = folderOf(file)
      if (from === '(entry)') continue
      for (const target of targets) {
        if (relative(SRC, target).startsWith('..')) continue // package.json, read for the version
        const to = folderOf(target)
        if (to !== from && !(ALLOWED[from] ?? []).includes(to)) offending.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`)
      }
    }
    expect(offending).toEqual([])
  })

  it('has no import cycle between files', () => {
    expect(fileCycles()).toEqual([])
  })

  it('would see a cycle and a forbidden import (the checks can fail)', () => {
    const model = join(SRC, 'model', 'change.ts')
    const service = join(SRC, 'service', 'LiveSyncService.ts')
    const saved = graph.get(model)!
    graph.set(model, [...saved, service])
    try {
      expect(fileCycles().some((cycle) => cycle.includes('model/change.ts'))).toBe(true)
      expect(ALLOWED['model']).not.toContain(folderOf(service))
    } finally {
      graph.set(model, saved)
    }
  })
})
