import type { CliOutput } from './cli-io.js'
import type { Palette } from './color.js'

/** Documents smaller than this load too fast for a progress line to help. */
const MIN_BYTES_SHOWN = 256 * 1024
/** Redraws at most this often. */
const REDRAW_MS = 100
const CLEAR_LINE = '\r\u001b[2K'

/**
 * A one-line, redrawn-in-place progress indicator on a terminal (`\r` + erase line), fed by
 * `sync:progress`. Does nothing on a stream that is not a TTY, where `\r` would litter logs.
 */
export class ProgressLine {
  readonly #stream: CliOutput
  readonly #palette: Palette
  readonly #now: () => number
  #visible = false
  #lastDrawAt = Number.NEGATIVE_INFINITY

  constructor(stream: CliOutput, palette: Palette, now: () => number = Date.now) {
    this.#stream = stream
    this.#palette = palette
    this.#now = now
  }

  update(label: string, loadedBytes: number, totalBytes: number | undefined): void {
    if (this.#stream.isTTY !== true) return
    if (Math.max(loadedBytes, totalBytes ?? 0) < MIN_BYTES_SHOWN) return
    const now = this.#now()
    const finished = totalBytes !== undefined && loadedBytes >= totalBytes
    if (!finished && now - this.#lastDrawAt < REDRAW_MS) return
    this.#lastDrawAt = now
    const amount = totalBytes === undefined ? formatBytes(loadedBytes) : `${formatBytes(loadedBytes)} / ${formatBytes(totalBytes)} (${Math.floor((loadedBytes / totalBytes) * 100)}%)`
    this.#stream.write(`${CLEAR_LINE}${this.#palette.dim(`loading ${label}: ${amount}`)}`)
    this.#visible = true
  }

  /** Erases the line, before other output or when the load ends. */
  clear(): void {
    if (!this.#visible) return
    this.#stream.write(CLEAR_LINE)
    this.#visible = false
  }
}

/** `512 KiB`, `3.4 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KiB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
}
