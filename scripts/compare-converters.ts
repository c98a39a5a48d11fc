/**
 * Writes docs/collections-vs-openapi-to-postmanv2.md: our Postman export next to Postman's own
 * converter (`openapi-to-postmanv2`, `convertV2` with its defaults, as Postman's import uses it)
 * on the same specs, and what newman sends when it runs each as it is against a local server with
 * a route per operation (test/helpers/spec-routes.ts).
 *
 *   npx tsx scripts/compare-converters.ts            # petstore3 and museum (test/fixtures)
 *   npx tsx scripts/compare-converters.ts --large    # plus GitHub, Stripe, Kubernetes (../shared)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { generateCollection, toPostmanCollection } from '../src/collections/index.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import { runNewman } from '../test/helpers/run-newman.js'
import { startRouteServer } from '../test/helpers/spec-routes.js'

const require = createRequire(import.meta.url)
const converter = require('openapi-to-postmanv2') as {
  convertV2(input: { type: 'string'; data: string }, options: Record<string, unknown>, callback: (error: Error | null, result: { result: boolean; reason?: string; output?: Array<{ data: unknown }> }) => void): void
}
const converterVersion = (require('openapi-to-postmanv2/package.json') as { version: string }).version

const ROOT = new URL('../', import.meta.url).pathname
const SPECS: Array<[label: string, path: string]> = [
  ['petstore3 (3.0)', 'test/fixtures/petstore3-swagger-3.0.yaml'],
  ['museum (3.1)', 'test/fixtures/museum-3.1.2024-11.yaml'],
]
const LARGE: Array<[label: string, path: string]> = [
  ['GitHub REST (3.0)', '../shared/fixtures/specs/github-api.2021-10.json'],
  ['Stripe (3.0)', '../shared/fixtures/specs/stripe.2022-04-12.json'],
  ['Kubernetes (2.0)', '../shared/fixtures/specs/kubernetes.v1.33.swagger.json'],
]

type Json = Record<string, unknown>

interface Figures {
  requests: number
  folders: number
  loose: number
  pathVariables: number
  pathVariablesWithValue: number
  placeholderRequests: number
  examples: number
  auth: string
  ownAuth: number
  noAuth: number
  undeclared: number
  bodies: string
  sizeKb: number
  unrouted: number
}

async function main(): Promise<void> {
  const specs = process.argv.includes('--large') ? [...SPECS, ...LARGE.filter(([, path]) => existsSync(ROOT + path))] : SPECS
  const rows: Array<[string, Figures, Figures]> = []
  for (const [label, path] of specs) {
    process.stderr.write(`${label}...\n`)
    const text = readFileSync(ROOT + path, 'utf8')
    const { snapshot } = await openapiFormat.normalize(text, { sourceId: path })
    const full = { ...snapshot, fingerprint: path }
    const ours = JSON.parse(JSON.stringify(toPostmanCollection(generateCollection(full)))) as Json
    const theirs = await convert(text)
    rows.push([label, await figures(ours, full), await figures(theirs, full)])
  }
  writeFileSync(ROOT + 'docs/collections-vs-openapi-to-postmanv2.md', render(rows))
  process.stderr.write('wrote docs/collections-vs-openapi-to-postmanv2.md\n')
}

function convert(text: string): Promise<Json> {
  return new Promise((resolve, reject) => {
    converter.convertV2({ type: 'string', data: text }, {}, (error, result) => {
      if (error !== null) return reject(error)
      if (!result.result || result.output?.[0] === undefined) return reject(new Error(result.reason ?? 'conversion failed'))
      resolve(JSON.parse(JSON.stringify(result.output[0].data)) as Json)
    })
  })
}

async function figures(collection: Json, snapshot: Parameters<typeof startRouteServer>[0]): Promise<Figures> {
  const items = (collection.item ?? []) as Json[]
  const requests: Json[] = []
  let folders = 0
  const walk = (list: Json[]): void => {
    for (const item of list) {
      if (Array.isArray(item.item)) {
        folders++
        walk(item.item as Json[])
      } else requests.push(item)
    }
  }
  walk(items)
  let pathVariables = 0
  let pathVariablesWithValue = 0
  let placeholderRequests = 0
  let examples = 0
  let ownAuth = 0
  let noAuth = 0
  const modes = new Map<string, number>()
  for (const item of requests) {
    const request = item.request as Json
    const url = request.url as Json
    for (const variable of (url.variable ?? []) as Json[]) {
      pathVariables++
      const value = typeof variable.value === 'string' ? variable.value : ''
      if (value !== '' && !/^<.*>$/.test(value)) pathVariablesWithValue++
    }
    // A value like `<integer>` that would be sent as it is: in an enabled row or a body.
    const enabledRows = [...((url.query ?? []) as Json[]), ...((request.header ?? []) as Json[]), ...((url.variable ?? []) as Json[])].filter((row) => row.disabled !== true)
    const sent = JSON.stringify([enabledRows, request.body ?? null])
    if (/<(string|integer|number|boolean|long|dateTime|date|uuid|uri|email|float|double|byte|binary|password)>/.test(sent)) placeholderRequests++
    examples += Array.isArray(item.response) ? item.response.length : 0
    const own = request.auth as Json | null | undefined
    if (own !== undefined && own !== null && own.type !== 'inherit') {
      ownAuth++
      if (own.type === 'noauth') noAuth++
    }
    const body = request.body as Json | undefined
    const mode = body === undefined || body.mode === undefined ? 'none' : String(body.mode)
    modes.set(mode, (modes.get(mode) ?? 0) + 1)
  }
  const declared = new Set(((collection.variable ?? []) as Json[]).map((variable) => String(variable.key)))
  const used = new Set([...JSON.stringify({ item: collection.item, auth: collection.auth }).matchAll(/\{\{([^{}]+)\}\}/g)].map((match) => match[1]!))
  const auth = collection.auth as Json | undefined
  const server = await startRouteServer(snapshot)
  try {
    const variables = Object.fromEntries(((collection.variable ?? []) as Json[]).map((variable) => [String(variable.key), String(variable.value ?? '')]))
    await runNewman(collection, server.baseUrlValues(variables))
    return {
      requests: requests.length,
      folders,
      loose: items.filter((item) => !Array.isArray(item.item)).length,
      pathVariables,
      pathVariablesWithValue,
      placeholderRequests,
      examples,
      auth: auth === undefined || auth === null ? 'none' : String(auth.type),
      ownAuth,
      noAuth,
      undeclared: [...used].filter((name) => !declared.has(name)).length,
      bodies: [...modes].filter(([mode]) => mode !== 'none').sort().map(([mode, count]) => `${mode} ${count}`).join(', ') || '-',
      sizeKb: Math.round(JSON.stringify(collection).length / 1024),
      unrouted: server.unrouted().length + (requests.length - server.requests.length),
    }
  } finally {
    await server.close()
  }
}

const LINES: Array<[label: string, read: (figures: Figures) => string]> = [
  ['requests', (f) => String(f.requests)],
  ['requests newman sends to no route (or not at all)', (f) => String(f.unrouted)],
  ['folders', (f) => String(f.folders)],
  ['requests loose at the top level', (f) => String(f.loose)],
  ['path variables / with a real value', (f) => `${f.pathVariables} / ${f.pathVariablesWithValue}`],
  ['requests sending a `<type>` placeholder', (f) => String(f.placeholderRequests)],
  ['saved response examples', (f) => String(f.examples)],
  ['collection auth / requests with their own auth (of which "no auth")', (f) => `${f.auth} / ${f.ownAuth} (${f.noAuth})`],
  ['variables used but not declared', (f) => String(f.undeclared)],
  ['bodies by mode', (f) => f.bodies],
  ['file size (KiB)', (f) => String(f.sizeKb)],
]

function render(rows: Array<[string, Figures, Figures]>): string {
  const out: string[] = [
    '# Our Postman export vs `openapi-to-postmanv2`',
    '',
    `Generated by \`npx tsx scripts/compare-converters.ts${rows.length > SPECS.length ? ' --large' : ''}\` (do not edit by hand): api-live-sync's`,
    `\`toPostmanCollection(generateCollection(snapshot))\` next to \`openapi-to-postmanv2\` ${converterVersion} (\`convertV2\`, default`,
    "options, as Postman's import uses it) on the same specs. \"No route\" counts requests newman sends, with only the",
    'server variables pointed at a local server that has a route per operation, that reach no operation',
    '(a literal `:id` or `{id}`, an empty segment, `//`), plus requests it could not send.',
    '',
  ]
  for (const [label, ours, theirs] of rows) {
    out.push(`## ${label}`, '', '| | api-live-sync | openapi-to-postmanv2 |', '|---|---|---|')
    for (const [name, read] of LINES) out.push(`| ${name} | ${read(ours)} | ${read(theirs)} |`)
    out.push('')
  }
  out.push(readFileSync(new URL('./compare-converters-notes.md', import.meta.url), 'utf8').trimEnd(), '')
  return out.join('\n')
}

await main()
