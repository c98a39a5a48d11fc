import type { CliOutput } from './cli-io.js'

/** Styles text for a terminal, or leaves it alone when colour is off. */
export interface Palette {
  readonly enabled: boolean
  red(text: string): string
  yellow(text: string): string
  cyan(text: string): string
  green(text: string): string
  dim(text: string): string
  bold(text: string): string
}

/**
 * Colour follows Node's own rules: `FORCE_COLOR` (other than `0`/`false`) turns it on, else
 * `NO_COLOR` (any non-empty value, https://no-color.org) turns it off, else it is on for terminals.
 */
export function colorEnabled(stream: CliOutput, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false'
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return stream.isTTY === true
}

const style = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`
const plain = (text: string) => text

/** ANSI styles when `enabled`, identity functions otherwise. */
export function createPalette(enabled: boolean): Palette {
  if (!enabled) return { enabled, red: plain, yellow: plain, cyan: plain, green: plain, dim: plain, bold: plain }
  return {
    enabled,
    red: style(31, 39),
    yellow: style(33, 39),
    cyan: style(36, 39),
    green: style(32, 39),
    dim: style(2, 22),
    bold: style(1, 22),
  }
}

/**
 * C0 controls but tab and newline, DEL, and C1 controls: what lets text from outside (a document's
 * paths and titles, a server's reason phrase, an error message) move the cursor, erase lines, retitle
 * the window or write the clipboard (OSC 52) once printed.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

/** The escapes this palette writes (and nothing else): SGR colours, bold and dim, on and off. */
const OWN_STYLES = /(\u001b\[(?:1|2|22|31|32|33|36|39)m)/

/** Text from outside, made inert for a terminal: control characters removed. */
export function stripControls(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '')
}

/** A JSON-like value (a change set, a snapshot's metadata) with every string passed through {@link stripControls}. */
export function stripControlsDeep<T>(value: T, copies = new Map<object, unknown>()): T {
  if (typeof value === 'string') return stripControls(value) as T
  if (typeof value !== 'object' || value === null) return value
  // One copy per object: a change set shares its cause records between `changes` and
  // `modified[].changes`, and consumers (the JSON report) rely on that identity.
  const known = copies.get(value)
  if (known !== undefined) return known as T
  if (Array.isArray(value)) {
    const copy: unknown[] = []
    copies.set(value, copy)
    for (const item of value) copy.push(stripControlsDeep(item, copies))
    return copy as T
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value
  const copy: Record<string, unknown> = {}
  copies.set(value, copy)
  for (const [key, item] of Object.entries(value)) copy[stripControls(key)] = stripControlsDeep(item, copies)
  return copy as T
}

const RAW = Symbol('raw output')

/**
 * Wraps a stream so that nothing written through it reaches the terminal with a control character
 * other than newline, tab and this palette's own colour escapes: the one filter every command's
 * output goes through (`runCli` installs it), whatever text from outside a message embeds.
 */
export function terminalSafeOutput(stream: CliOutput): CliOutput {
  const safe = {
    isTTY: stream.isTTY,
    write: (text: string) => stream.write(text.split(OWN_STYLES).map((part, index) => (index % 2 === 1 ? part : stripControls(part))).join('')),
    [RAW]: stream,
  }
  return safe
}

/** The stream under a {@link terminalSafeOutput}, for the one writer that redraws lines itself (the progress line). */
export function rawOutput(stream: CliOutput): CliOutput {
  return (stream as { [RAW]?: CliOutput })[RAW] ?? stream
}
