/**
 * `npm run demo`: api-live-sync watching a live API whose definition changes while you look.
 *
 * A small local server (127.0.0.1, random port) serves an OpenAPI document that evolves every few
 * seconds; the CLI's `watch` command (run in-process, exactly as `api-live-sync watch <url>`)
 * prints each change as it happens, breaking changes first:
 *
 *   step 1  an endpoint is added                   (POST /pets)
 *   step 2  a query parameter becomes required     (GET /pets ?limit)
 *   step 3  a response property is removed         (Pet.nickname)
 *   step 4  an endpoint is renamed                 (GET /pets/{petId} -> GET /animals/{petId}, same operationId)
 *
 * It stops by itself after about a minute, or on Ctrl-C.
 *   DEMO_DURATION_MS  how long to run (default 60000)
 *   DEMO_STEP_MS      time between steps (default 6000)
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { processIo } from '../src/cli/process-io.js'
import { runCli } from '../src/cli/run-cli.js'

const DURATION_MS = positiveIntegerFromEnv('DEMO_DURATION_MS', 60_000)
const STEP_MS = positiveIntegerFromEnv('DEMO_STEP_MS', 6_000)
/** Poll at least twice per step (never below the 1 s minimum), so each step is seen on its own. */
const POLL_MS = Math.max(1000, Math.min(2000, Math.floor(STEP_MS / 2)))

type Document = { openapi: string; info: Record<string, string>; paths: Record<string, any>; components: { schemas: Record<string, any> } }

/** Version 0 of the API, and the four edits that make the next versions. */
function initialDocument(): Document {
  return {
    openapi: '3.0.3',
    info: { title: 'Pet Store (demo)', version: '1.0.0' },
    paths: {
      '/pets': {
        get: {
          operationId: 'listPets',
          summary: 'List pets',
          parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer', maximum: 100 } }],
          responses: { '200': { description: 'A page of pets', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Pet' } } } } } },
        },
      },
      '/pets/{petId}': {
        get: {
          operationId: 'getPet',
          summary: 'Find a pet',
          parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The pet', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } },
        },
      },
    },
    components: {
      schemas: {
        Pet: {
          type: 'object',
          required: ['id', 'name'],
          properties: { id: { type: 'string' }, name: { type: 'string' }, nickname: { type: 'string' } },
        },
      },
    },
  }
}

const STEPS: ReadonlyArray<{ says: string; edit: (document: Document) => void }> = [
  {
    says: 'the server adds an endpoint: POST /pets',
    edit: (document) => {
      document.paths['/pets'].post = {
        operationId: 'createPet',
        summary: 'Add a pet',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } },
        responses: { '201': { description: 'Created' } },
      }
    },
  },
  {
    says: "the query parameter 'limit' of GET /pets becomes required",
    edit: (document) => {
      document.paths['/pets'].get.parameters[0].required = true
    },
  },
  {
    says: "the response property 'nickname' is removed from Pet",
    edit: (document) => {
      delete document.components.schemas.Pet.properties.nickname
    },
  },
  {
    says: 'GET /pets/{petId} is renamed to GET /animals/{petId} (same operationId)',
    edit: (document) => {
      document.paths['/animals/{petId}'] = document.paths['/pets/{petId}']
      delete document.paths['/pets/{petId}']
    },
  },
]

let step = 0
const document = initialDocument()

/** Serves the current version, with an ETag so the watcher's conditional requests get 304s between steps. */
function serveDocument(request: IncomingMessage, response: ServerResponse): void {
  if (request.url !== '/openapi.json') {
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"Not Found"}')
    return
  }
  const etag = `"v${step}"`
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, { etag }).end()
    return
  }
  response.writeHead(200, { 'content-type': 'application/json', etag }).end(JSON.stringify(document, null, 2))
}

const server = createServer(serveDocument)
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`

const say = (text: string) => process.stdout.write(`\n>> ${text}\n`)
say(`A demo API is live at ${url}; it will change every ${STEP_MS / 1000}s. Watching it for ${Math.round(DURATION_MS / 1000)}s (Ctrl-C stops).`)

const stopWatching = new AbortController()
const timers = STEPS.map((next, index) =>
  setTimeout(() => {
    next.edit(document)
    step = index + 1
    say(`step ${step}/${STEPS.length}: ${next.says}`)
  }, STEP_MS * (index + 1)),
)
timers.push(setTimeout(() => stopWatching.abort(), DURATION_MS))

const code = await runCli(['watch', url, '--interval', String(POLL_MS)], { ...processIo(), signal: stopWatching.signal })

for (const timer of timers) clearTimeout(timer)
server.closeAllConnections()
await new Promise<void>((resolve) => server.close(() => resolve()))
say(code === 0 ? 'Demo finished.' : `Demo ended with exit code ${code}.`)
process.exitCode = code

function positiveIntegerFromEnv(name: string, fallback: number): number {
  const value = process.env[name]
  if (value === undefined || value === '') return fallback
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive whole number of milliseconds, got "${value}"`)
  return parsed
}
