import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { emptyChangeSet } from '../src/diff/change-set.js'
import type { Change, ChangeSet } from '../src/model/change.js'
import { createPalette } from '../src/cli/color.js'
import * as library from '../src/index.js'
import { escapeData, escapeProperty } from '../src/report/github.js'
import { REPORT_SCRIPT, REPORT_SCRIPT_HASH } from '../src/report/html-assets.js'
import { escapeHtml } from '../src/report/html.js'
import { codeSpan, escapeMarkdown } from '../src/report/markdown.js'
import { changeSetToJSON } from '../src/diff/change-set-json.js'
import { REPORT_FORMATS, renderGithubAnnotations, renderHtml, renderMarkdown, renderReport, renderText, textReportLines } from '../src/report/index.js'
import { OPERATIONS, byCauseChangeSet, byCauseChanges, perOperationChangeSet } from './helpers/report-change-sets.js'

const HOSTILE = "sold <b>out</b> | *soon* @octocat 100%: a,b"

describe('text report, by cause', () => {
  it('prints each cause on one line, breaking first, with how many operations it reaches and the first three', () => {
    expect(textReportLines(byCauseChangeSet())).toEqual([
      '3 breaking, 1 warning, 3 info (1 added, 1 removed, 5 modified)',
      'BREAKING',
      '  DELETE /pets/{petId} was removed [operation-removed]',
      "  GET /pets: query parameter 'limit' became required [request-parameter-became-required]",
      "  Pet: property 'nickname' was removed [schema-property-removed] in 5 operations: GET /pets, GET /pets/{petId}, POST /pets and 2 more",
      'WARNING',
      "  Pet: property 'nickname' was removed [schema-property-removed] in 1 operation: POST /pets",
      'INFO',
      '  POST /store/orders was added [operation-added]',
      `  Pet: property 'status' may now be '${HOSTILE}' [schema-property-enum-value-added] in 2 operations: GET /pets, POST /pets`,
      '  server https://eu.pets.example was added [server-added]',
    ])
  })

  it('names as many operations as asked', () => {
    const line = textReportLines(byCauseChangeSet(), { operationsShown: 5 })[4]
    expect(line).toBe(
      "  Pet: property 'nickname' was removed [schema-property-removed] in 5 operations: GET /pets, GET /pets/{petId}, POST /pets, GET /owners, GET /owners/{ownerId}",
    )
  })

  it('prints per-operation records (no `operations`) one per line under their operation, as before issue 9', () => {
    expect(textReportLines(perOperationChangeSet())).toEqual([
      '2 breaking, 0 warnings, 0 info (0 added, 0 removed, 2 modified)',
      'BREAKING',
      "  GET /pets: response 200 (application/json) property 'nickname' was removed (in component Pet) [schema-property-removed]",
      "  GET /pets/{petId}: response 200 (application/json) property 'nickname' was removed (in component Pet) [schema-property-removed]",
    ])
  })

  it('names the operation of a record whose message does not start with it, and keeps messages on one line', () => {
    const change: Change = { kind: 'x-changed', severity: 'warning', operation: 'GET /a', location: [], message: 'first line\r\n  second line' }
    const lines = textReportLines({ ...emptyChangeSet(), changes: [change], summary: { ...emptyChangeSet().summary, warning: 1 } })
    expect(lines[2]).toBe('  GET /a: first line second line [x-changed]')
  })

  it('says "no changes" for an empty change set', () => {
    expect(renderText(emptyChangeSet())).toBe('no changes\n')
  })

  it('colours with the palette it is given, and only adds escape codes', () => {
    const coloured = textReportLines(byCauseChangeSet(), { styles: createPalette(true) })
    expect(coloured[1]).toBe('\u001b[31m\u001b[1mBREAKING\u001b[22m\u001b[39m')
    expect(coloured.map((line) => line.replace(/\u001b\[\d+m/g, ''))).toEqual(textReportLines(byCauseChangeSet()))
  })
})

describe('text report, by operation', () => {
  it('lists each operation, worst first, with every cause that reaches it, its severity there and where', () => {
    const lines = textReportLines(byCauseChangeSet(), { byOperation: true })
    expect(lines.slice(0, 11)).toEqual([
      '3 breaking, 1 warning, 3 info (1 added, 1 removed, 5 modified)',
      'DELETE /pets/{petId}',
      '  BREAKING DELETE /pets/{petId} was removed [operation-removed]',
      'GET /pets',
      "  BREAKING GET /pets: query parameter 'limit' became required [request-parameter-became-required]",
      "  BREAKING Pet: property 'nickname' was removed [schema-property-removed] at responses/200/content/application/json/schema/items/properties/nickname",
      `  INFO     Pet: property 'status' may now be '${HOSTILE}' [schema-property-enum-value-added] at responses/200/content/application/json/schema/items/properties/status/enum`,
      'POST /pets',
      "  BREAKING Pet: property 'nickname' was removed [schema-property-removed] at responses/201/content/application/json/schema/properties/nickname",
      "  WARNING  Pet: property 'nickname' was removed [schema-property-removed] at requestBody/content/application/json/schema/properties/nickname",
      // The enum value added is info for readers but a warning for this request: its own severity shows.
      `  WARNING  Pet: property 'status' may now be '${HOSTILE}' [schema-property-enum-value-added] at requestBody/content/application/json/schema/properties/status/enum`,
    ])
    expect(lines.slice(-4)).toEqual(['POST /store/orders', '  INFO     POST /store/orders was added [operation-added]', '(document)', '  INFO     server https://eu.pets.example was added [server-added]'])
  })

  it('lists every operation the change set names, each once', () => {
    const headers = textReportLines(byCauseChangeSet(), { byOperation: true }).filter((line) => !line.startsWith(' ')).slice(1)
    expect(headers.sort()).toEqual([...Object.values(OPERATIONS).map((operation) => operation.key), '(document)'].sort())
  })
})

describe('changeSetToJSON', () => {
  it('lists each cause once and refers to causes by index from the per-operation view', () => {
    const changes = byCauseChangeSet()
    const json = changeSetToJSON(changes)
    expect(json.changes).toHaveLength(7)
    expect(json.changes).toEqual(changes.changes)
    for (const [index, entry] of json.modified.entries()) {
      expect(entry.operation).toBe(changes.modified[index]!.operation)
      expect(entry.changes.map((at) => json.changes[at])).toEqual(changes.modified[index]!.changes)
    }
    const nicknameRemoved = json.changes.indexOf(changes.changes.find((change) => change.kind === 'schema-property-removed')!)
    expect(json.modified.filter((entry) => entry.changes.includes(nicknameRemoved))).toHaveLength(5)
  })

  it('round-trips through JSON.stringify: the text holds each record once', () => {
    const text = JSON.stringify(changeSetToJSON(byCauseChangeSet()))
    expect(text.match(/"kind":"schema-property-removed"/g)).toHaveLength(2)
    expect(JSON.parse(text).modified[0].changes).toEqual([1, 2, 5])
  })

  it('keeps a per-operation change that is missing from `changes` (a hand-built set), appended once', () => {
    const stray: Change = { kind: 'x', severity: 'info', operation: 'GET /pets', location: [], message: 'GET /pets x' }
    const changes: ChangeSet = { ...perOperationChangeSet() }
    changes.modified = [{ operation: OPERATIONS.listPets, changes: [stray] }, { operation: OPERATIONS.getPet, changes: [stray] }]
    const json = changeSetToJSON(changes)
    expect(json.changes).toEqual([...changes.changes, stray])
    expect(json.modified.map((entry) => entry.changes)).toEqual([[2], [2]])
  })
})

describe('markdown report', () => {
  it('escapes document text: Markdown punctuation, HTML, and @mentions', () => {
    expect(escapeMarkdown(HOSTILE)).toBe("sold &lt;b&gt;out&lt;/b&gt; \\| \\*soon\\* @&#8203;octocat 100%: a,b")
    expect(escapeMarkdown('a_b `c` [d](e) ~f~ \\ & <script>')).toBe('a\\_b \\`c\\` \\[d\\](e) \\~f\\~ \\\\ &amp; &lt;script&gt;')
  })

  it('puts names in code spans that their own backticks cannot close', () => {
    expect(codeSpan('GET /pets')).toBe('`GET /pets`')
    expect(codeSpan('GET /a`b')).toBe('``GET /a`b``')
    expect(codeSpan('`x')).toBe('`` `x ``')
  })

  it('lists the breaking causes in the open and the rest in collapsed details, with a summary table', () => {
    const markdown = renderMarkdown(byCauseChangeSet())
    expect(markdown.startsWith('## API changes: 3 breaking, 1 warning, 3 info\n')).toBe(true)
    expect(markdown).toContain('| Changes | 3 | 1 | 3 |')
    expect(markdown).toContain('| | 1 | 1 | 5 | 7 |')
    const breaking = markdown.slice(markdown.indexOf('### 3 breaking changes'), markdown.indexOf('<details>'))
    expect(breaking).toContain('- `DELETE /pets/{petId}` was removed (`operation-removed`)\n')
    expect(breaking).toContain("- `Pet`: property 'nickname' was removed (`schema-property-removed`) in 5 operations: `GET /pets`, `GET /pets/{petId}`, `POST /pets`, `GET /owners`, `GET /owners/{ownerId}`")
    expect(markdown).toContain('<details>\n<summary>1 warning</summary>')
    expect(markdown).toContain('<details>\n<summary>3 other changes</summary>')
    expect(markdown).not.toContain('<b>')
  })

  it('stays under maxLength by counting the causes it cannot list', () => {
    const base = byCauseChangeSet()
    const filler = (severity: Change['severity']): Change[] =>
      Array.from({ length: 150 }, (_, index) => ({ kind: 'server-added', severity, location: ['servers'], message: `server https://s${index}.example was ${severity}` }))
    const extra = [...filler('breaking'), ...filler('warning'), ...filler('info')]
    const big: ChangeSet = {
      ...base,
      changes: [...base.changes, ...extra],
      summary: { ...base.summary, breaking: base.summary.breaking + 150, warning: base.summary.warning + 150, info: base.summary.info + 150 },
    }
    for (const maxLength of [1500, 4000, 20_000]) {
      const markdown = renderMarkdown(big, { maxLength })
      expect(markdown.length).toBeLessThanOrEqual(maxLength)
      expect(markdown.match(/- … and \d+ more not shown/g)?.length).toBe(maxLength <= 4000 ? 3 : 1)
      expect(markdown).toContain('<summary>151 warnings</summary>')
    }
    expect(renderMarkdown(big, { maxLength: 20_000 })).toContain("`Pet`: property 'nickname' was removed")
    expect(renderMarkdown(big)).not.toContain('more not shown')
  })

  it('says so when nothing changed', () => {
    expect(renderMarkdown(emptyChangeSet(), { title: 'Pets API' })).toBe('## Pets API\n\nNo changes.\n')
  })
})

describe('GitHub annotations', () => {
  it('escape as the actions toolkit does: % CR LF in messages, and : , too in properties', () => {
    expect(escapeData('100%\r\nnext: a,b')).toBe('100%25%0D%0Anext: a,b')
    expect(escapeProperty('100%\r\nnext: a,b')).toBe('100%25%0D%0Anext%3A a%2Cb')
  })

  it('print a summary notice, then one annotation per cause: error, warning, notice', () => {
    const lines = renderGithubAnnotations(byCauseChangeSet(), { file: 'api/open:api,v2.yaml' }).trimEnd().split('\n')
    expect(lines.map((line) => line.slice(0, line.indexOf(' ')))).toEqual(['::notice', '::error', '::error', '::error', '::warning', '::notice', '::notice', '::notice'])
    expect(lines[0]).toBe('::notice file=api/open%3Aapi%2Cv2.yaml,title=API changes::3 breaking, 1 warning, 3 info (operations: 1 added, 1 removed, 5 modified)')
    expect(lines[3]).toBe(
      "::error file=api/open%3Aapi%2Cv2.yaml,title=Breaking change%3A schema-property-removed::Pet: property 'nickname' was removed%0Ain 5 operations: GET /pets, GET /pets/{petId}, POST /pets, GET /owners, GET /owners/{ownerId}",
    )
    expect(lines[6]).toContain("may now be 'sold <b>out</b> | *soon* @octocat 100%25: a,b'%0Ain 2 operations")
  })

  it('never lets a message start a line of its own (a workflow command of the document\'s)', () => {
    const { serverAdded } = byCauseChanges()
    const injected: Change = { ...serverAdded, message: 'x\n::add-mask::secret\r\n::error::fake' }
    const output = renderGithubAnnotations({ ...emptyChangeSet(), changes: [injected] })
    expect(output.trimEnd().split('\n')).toHaveLength(2)
    expect(output).toContain('x%0A::add-mask::secret%0D%0A::error::fake')
  })
})

describe('HTML report', () => {
  it('escapes text for content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;')
  })

  it('is one page with no external asset, whose only script is the one its CSP hash allows', () => {
    const html = renderHtml(byCauseChangeSet())
    expect(html).not.toMatch(/\b(src|href)=/i)
    expect(html).not.toMatch(/@import|url\(/i)
    expect(html.match(/<script/g)).toHaveLength(1)
    expect(`sha256-${createHash('sha256').update(REPORT_SCRIPT).digest('base64')}`).toBe(REPORT_SCRIPT_HASH)
    expect(html).toContain(`script-src '${REPORT_SCRIPT_HASH}'`)
  })

  it('escapes every document-derived text: a hostile name stays text', () => {
    const { serverAdded } = byCauseChanges()
    const hostile: Change = { ...serverAdded, kind: 'k"><script>alert(1)</script>', message: '</summary><script>alert(2)</script><img src=x onerror=alert(3)>' }
    const html = renderHtml({ ...emptyChangeSet(), changes: [hostile] })
    expect(html.match(/<script/g)).toHaveLength(1)
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;/summary&gt;&lt;script&gt;alert(2)&lt;/script&gt;')
  })

  it('has one entry per cause, with its severity, rule and tags for the filters, and its operations', () => {
    const html = renderHtml(byCauseChangeSet())
    expect(html.match(/<li class="cause /g)).toHaveLength(7)
    expect(html).toContain('data-severity="breaking" data-kind="schema-property-removed" data-tags="[&quot;owners&quot;,&quot;pets&quot;]"')
    expect(html).toContain('<option value="pets">pets (5)</option>')
    expect(html).toContain('<code>GET /owners/{ownerId}</code> <span class="location">responses/200/content/application/json/schema/properties/pets/items/properties/nickname</span>')
  })
})

describe('renderReport', () => {
  it('renders every format through one call, each ending with a newline', () => {
    for (const format of REPORT_FORMATS) expect(renderReport(byCauseChangeSet(), format).endsWith('\n')).toBe(true)
    expect(renderReport(byCauseChangeSet(), 'text', { byOperation: true })).toBe(renderText(byCauseChangeSet(), { byOperation: true }))
  })

  it('is exported from the main entry', () => {
    expect(library.renderReport).toBe(renderReport)
    expect(library.changeSetToJSON).toBe(changeSetToJSON)
    expect(library.REPORT_FORMATS).toEqual(['text', 'json', 'markdown', 'github', 'html'])
  })
})
