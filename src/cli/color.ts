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
