import { basename } from 'node:path'
import type { PlanDecision } from '../collections/apply-plan.js'
import type { MergePlan, PlanItem } from '../model/merge-plan.js'
import { isDisposedError, isStalePlanError } from '../errors/errors.js'
import { SyncEvents } from '../events/events.js'
import type { LiveSyncService } from '../service/LiveSyncService.js'
import type { CliInput, CliIo } from './cli-io.js'
import { colorEnabled, createPalette, stripControls, type Palette } from './color.js'
import { jsonLine } from './json-lines.js'
import { oneLine } from './usage.js'

/** How `watch --out --review` handles a plan: ask on a terminal, print it as data, or print it and say how to review. */
export type ReviewMode = 'ask' | 'json' | 'print'

export function reviewModeOf(io: CliIo, json: boolean): ReviewMode {
  if (json) return 'json'
  return io.stdin?.isTTY === true ? 'ask' : 'print'
}

/**
 * `watch --out --review`: every plan the service proposes for the `--out` collection is reviewed one
 * at a time (a plan that a newer one replaced before it was shown is skipped). Nothing is written
 * unless the user accepted it on a terminal.
 */
export function attachReview(service: LiveSyncService, out: string, mode: ReviewMode, io: CliIo, signal: AbortSignal): void {
  const palette = createPalette(colorEnabled(io.stderr, io.env))
  let queue: Promise<void> = Promise.resolve()
  service.on(SyncEvents.REVIEW_REQUIRED, ({ sourceId, plan }) => {
    if (mode === 'json') {
      io.stdout.write(jsonLine(SyncEvents.REVIEW_REQUIRED, { sourceId, plan: planAsData(plan) }))
      return
    }
    queue = queue.then(() => review(service, sourceId, plan, out, mode, io, palette, signal)).catch((error: unknown) => {
      io.stderr.write(`api-live-sync: review of ${basename(out)} failed: ${oneLine(error instanceof Error ? error.message : String(error))}\n`)
    })
  })
}

async function review(
  service: LiveSyncService,
  sourceId: string,
  plan: MergePlan,
  out: string,
  mode: ReviewMode,
  io: CliIo,
  palette: Palette,
  signal: AbortSignal,
): Promise<void> {
  if (signal.aborted || service.getPendingReview(sourceId)?.id !== plan.id) return
  io.stderr.write(`${formatPlan(plan, basename(out), palette).join('\n')}\n`)
  if (mode === 'print' || io.stdin === undefined) {
    io.stderr.write(`not written: run this command in a terminal to accept or skip each change, or without --review to apply them all\n`)
    return
  }
  const decisions = await askDecisions(plan, io.stdin, io, palette, signal)
  if (signal.aborted) return // stopped while asking: write nothing
  if (decisions === undefined || !Object.values(decisions).includes('accept')) {
    service.dropReview(sourceId, plan.id)
    io.stderr.write(`${basename(out)} not written: nothing accepted; the changes are offered again when the spec changes\n`)
    return
  }
  try {
    const applied = await service.applyReview(sourceId, plan.id, decisions)
    const { report } = applied
    const skipped = applied.skipped.length === 0 ? '' : `; ${applied.skipped.length} skipped (offered again when the spec changes)`
    io.stderr.write(`wrote ${basename(out)}: ${report.added.length} added, ${report.updated.length} updated, ${report.removed.length} removed${skipped}\n`)
  } catch (error) {
    if (isDisposedError(error)) return // stopped while writing: the service wrote nothing
    if (!isStalePlanError(error)) throw error
    io.stderr.write(`${basename(out)} not written: ${oneLine(error.message)}\n`)
  }
}

/**
 * Asks about each item: accept, skip, accept all the rest, or quit (skip the rest, keep the answers
 * given). `undefined` when the input ended or the user stopped the command before any answer counts.
 */
export async function askDecisions(plan: MergePlan, input: CliInput, io: CliIo, palette: Palette, signal: AbortSignal): Promise<Record<string, PlanDecision> | undefined> {
  const decisions: Record<string, PlanDecision> = {}
  for (const [index, item] of plan.items.entries()) {
    let answer: 'accept' | 'skip' | 'all' | 'quit' | undefined
    while (answer === undefined) {
      const line = await input.question(`${palette.bold(`${index + 1}/${plan.items.length}`)} ${describeItem(item, palette)}  accept? [y]es [n]o [a]ll [q]uit: `, signal)
      if (line === undefined) return undefined
      answer = parseAnswer(line)
      if (answer === undefined) io.stderr.write('answer y (accept), n (skip), a (accept this and all the rest) or q (skip the rest)\n')
    }
    if (answer === 'quit') break
    if (answer === 'all') {
      for (const rest of plan.items.slice(index)) decisions[rest.id] = 'accept'
      break
    }
    decisions[item.id] = answer
  }
  return decisions
}

function parseAnswer(line: string): 'accept' | 'skip' | 'all' | 'quit' | undefined {
  switch (line.trim().toLowerCase()) {
    case 'y':
    case 'yes':
    case 'accept':
      return 'accept'
    case 'n':
    case 'no':
    case 'skip':
      return 'skip'
    case 'a':
    case 'all':
      return 'all'
    case 'q':
    case 'quit':
      return 'quit'
    default:
      return undefined
  }
}

/** The plan for people: a heading and one line per item. */
export function formatPlan(plan: MergePlan, file: string, palette: Palette): string[] {
  const count = plan.items.length
  const heading = `${palette.bold('review')}: ${count} change${count === 1 ? '' : 's'} to ${stripControls(file)} (plan ${plan.id})`
  return [heading, ...plan.items.map((item, index) => `  ${index + 1}. ${describeItem(item, palette)}`)]
}

/** `+ added GET /pets`, `~ updated GET /pets: params.page (conflict: name)`, `- removed POST /pets (marked)`. */
export function describeItem(item: PlanItem, palette: Palette): string {
  const key = stripControls(item.operationKey)
  const fields = item.fields.length === 0 ? '' : `: ${item.fields.map(stripControls).join(', ')}`
  const conflictFields = item.conflicts.map((conflict) => stripControls(conflict.field)).join(', ')
  const conflicts = item.conflicts.length === 0 ? '' : palette.yellow(` (conflict${item.conflicts.length === 1 ? '' : 's'}: ${conflictFields})`)
  switch (item.kind) {
    case 'added':
      return `${palette.green('+ added')} ${key}`
    case 'removed':
      return `${palette.red('- removed')} ${key} (${item.removal ?? 'marked'})`
    case 'renamed':
      return `${palette.cyan('> moved')} ${stripControls(item.from ?? '')} -> ${key}${fields}${conflicts}`
    case 'updated':
      return `${palette.cyan('~ updated')} ${key}${fields}${conflicts}`
    case 'collection':
      return `${palette.cyan('~ collection')}${fields}${conflicts}`
  }
}

/** A plan as `--json` prints it: its id and items, without the merge inputs (whole collections). */
export function planAsData(plan: MergePlan): { id: string; items: PlanItem[] } {
  return { id: plan.id, items: plan.items }
}
