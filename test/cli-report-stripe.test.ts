// The line targets of issue 9 on real Stripe versions: the default text report lists each cause once.
// They hold once the diff engine reports by cause (a shared-schema change is one entry with every
// operation it reaches); with per-operation records the five-day pair prints 2,086 lines.
import { describe, expect, it } from 'vitest'
import { runCliInProcess } from './helpers/cli-in-process.js'
import { SHARED_SPECS_DIR, sharedSpecsPresent, sharedSpecsSkipNote } from './helpers/shared-specs.js'

async function diffLines(before: string, after: string): Promise<{ code: number; lines: string[] }> {
  const { code, stdout, stderr } = await runCliInProcess(['diff', before, after], { cwd: SHARED_SPECS_DIR })
  expect(stderr).toBe('')
  return { code, lines: stdout.trimEnd().split('\n') }
}

/** The severity headers in the order printed, and whether every other line is one indented cause with its rule. */
function shape(lines: string[]) {
  const body = lines.slice(1)
  return {
    headers: body.filter((line) => !line.startsWith(' ')),
    oneLinePerCause: body.every((line) => !line.startsWith(' ') || /^ {2}\S.* \[[a-z0-9-]+\]( in \d+ operations?: .+)?$/.test(line)),
  }
}

describe.skipIf(!sharedSpecsPresent)(`diff of real Stripe versions, by cause${sharedSpecsSkipNote}`, () => {
  it('the five-day pair (1 operation added, 5 schema changes) prints at most 15 lines', { timeout: 120_000 }, async () => {
    const { lines } = await diffLines('stripe.2022-04-07.json', 'stripe.2022-04-12.json')

    expect(lines.length).toBeLessThanOrEqual(15)
    expect(lines).toContain('  POST /v1/payment_intents/{intent}/increment_authorization was added [operation-added]')
    // The schema changes reach hundreds of operations each (every `default` error response embeds payment_intent).
    expect(lines.filter((line) => / in \d{3} operations: /.test(line)).length).toBeGreaterThanOrEqual(1)
    expect(shape(lines).oneLinePerCause).toBe(true)
  })

  it('the one-year pair prints at most 2,000 lines, breaking causes first', { timeout: 180_000 }, async () => {
    const { code, lines } = await diffLines('stripe.2021-04.json', 'stripe.2022-04-07.json')
    const { headers, oneLinePerCause } = shape(lines)

    expect(lines.length).toBeLessThanOrEqual(2000)
    expect(code).toBe(1)
    expect(headers).toEqual(['BREAKING', 'WARNING', 'INFO'])
    expect(lines[1]).toBe('BREAKING')
    expect(oneLinePerCause).toBe(true)
    expect(lines[0]).toMatch(/^\d+ breaking, \d+ warnings, \d+ info \(52 added, 2 removed, \d+ modified\)$/)
  })
})
