// The switch from the `yaml` package to js-yaml must change no value of any real document: every YAML
// file of ../shared/fixtures parses to the same JSON with both, and every OpenAPI document among them
// normalizes to the same fingerprint.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse as parseWithYamlPackage } from 'yaml'
import { normalizeParsedOpenApi, openapiFormat } from '../src/formats/openapi/index.js'
import { sha256Hex } from '../src/formats/hash.js'
import { parseYamlText } from '../src/formats/parse-document.js'
import { isRecord } from '../src/formats/openapi/own.js'

const FIXTURES = new URL('../../shared/fixtures/', import.meta.url).pathname
const available = (() => {
  try {
    return statSync(FIXTURES).isDirectory()
  } catch {
    return false
  }
})()

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return yamlFiles(path)
    return /\.ya?ml$/.test(entry.name) ? [path] : []
  })
}

/** The parser before js-yaml, called as parse-document.ts called it (warnings silenced here). */
function previousParse(text: string): unknown {
  return parseWithYamlPackage(text, { maxAliasCount: 1000, prettyErrors: true, uniqueKeys: false, logLevel: 'silent' })
}

function outcome(parse: () => unknown): string {
  try {
    return JSON.stringify(parse())
  } catch (error) {
    return `error: ${(error as Error).name}`
  }
}

function isOpenApi(value: unknown): boolean {
  return isRecord(value) && (typeof value.openapi === 'string' || value.swagger === '2.0')
}

async function fingerprint(normalize: () => Promise<{ canonical: string }> | { canonical: string }): Promise<string> {
  try {
    return await sha256Hex((await normalize()).canonical)
  } catch (error) {
    return `error: ${(error as Error).message}`
  }
}

describe.skipIf(!available)(`YAML fixtures parse as they did with the yaml package${available ? '' : ' (skipped: ../shared/fixtures not found)'}`, () => {
  const files = available ? yamlFiles(FIXTURES) : []
  const large = files.filter((file) => statSync(file).size > 200_000)
  const small = files.filter((file) => !large.includes(file))

  it('finds the fixtures', () => {
    expect(large.length).toBeGreaterThan(0)
    expect(small.length).toBeGreaterThan(100)
  })

  it(`the ${small.length} small files: same JSON, and the same fingerprint for each OpenAPI document`, async () => {
    const differences: string[] = []
    let openapiDocuments = 0
    for (const file of small) {
      const text = readFileSync(file, 'utf8')
      const before = outcome(() => previousParse(text))
      const after = outcome(() => parseYamlText(text))
      if (before !== after) differences.push(`${relative(FIXTURES, file)}: ${before.slice(0, 80)} | ${after.slice(0, 80)}`)
      if (before.startsWith('error') || !isOpenApi(JSON.parse(before))) continue
      openapiDocuments++
      const old = await fingerprint(() => normalizeParsedOpenApi(previousParse(text), text, 'compat'))
      const now = await fingerprint(() => openapiFormat.normalize(text, { sourceId: 'compat' }))
      if (old !== now) differences.push(`${relative(FIXTURES, file)}: fingerprint ${old} | ${now}`)
    }
    expect(differences).toEqual([])
    expect(openapiDocuments).toBeGreaterThan(100)
  }, 300_000)

  // One test per large document, so a slow machine gets each its own time.
  it.each(large.map((file) => [relative(FIXTURES, file), file]))('%s: same fingerprint', async (_name, file) => {
    const text = readFileSync(file, 'utf8')
    const old = await fingerprint(() => normalizeParsedOpenApi(previousParse(text), text, 'compat'))
    const now = await fingerprint(() => openapiFormat.normalize(text, { sourceId: 'compat' }))
    expect(old).toMatch(/^[0-9a-f]{64}$/)
    expect(now).toBe(old)
  }, 120_000)
})
