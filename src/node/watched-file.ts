import { watch, statSync, type FSWatcher } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, dirname } from 'node:path'

/** Timing of one {@link WatchedFile}. */
export interface WatchedFileTiming {
  /** Quiet time after the last event before `onChange` fires. */
  debounceMs: number
  /** Longest a steady stream of events can postpone `onChange`. */
  maxWaitMs: number
  /** Wait before trying again to watch a directory that is missing or whose watch failed. */
  retryMs: number
}

/**
 * Watches one file through its DIRECTORY: a watch on the file itself follows the inode, which dies
 * when an editor saves by writing a temp file and renaming it over the target, or when the file is
 * deleted and recreated. Watching the directory and filtering by name sees all of these as events
 * for the file's name.
 *
 * Events are debounced (a save is often several events: truncate, write, chmod, rename), and the
 * owner's `onChange` fires once per burst. When the directory itself goes away (or the watch
 * errors), the watch is re-established every `retryMs` until the directory is back; the service's
 * polling covers the gap.
 */
export class WatchedFile {
  readonly #directory: string
  readonly #fileName: string
  readonly #onChange: () => void
  readonly #timing: WatchedFileTiming
  #watcher: FSWatcher | undefined
  #directoryInode: number | undefined
  #debounceTimer: ReturnType<typeof setTimeout> | undefined
  #burstStartedAt: number | undefined
  #retryTimer: ReturnType<typeof setTimeout> | undefined
  #closed = false

  constructor(path: string, onChange: () => void, timing: WatchedFileTiming) {
    this.#directory = dirname(path)
    this.#fileName = basename(path)
    this.#onChange = onChange
    this.#timing = timing
  }

  /** Starts watching; when the directory cannot be watched yet, keeps trying every `retryMs`. */
  start(): void {
    if (!this.#tryWatch()) this.#scheduleRetry()
  }

  /** Stops for good: closes the directory watch and clears every timer. Safe to call twice. */
  close(): void {
    this.#closed = true
    this.#closeWatcher()
    clearTimeout(this.#debounceTimer)
    clearTimeout(this.#retryTimer)
    this.#debounceTimer = undefined
    this.#retryTimer = undefined
  }

  #tryWatch(): boolean {
    if (this.#closed) return false
    try {
      const watcher = watch(this.#directory, { persistent: true }, (_eventType, fileName) => this.#onEvent(fileName))
      watcher.on('error', () => this.#lost())
      this.#watcher = watcher
      this.#directoryInode = statSync(this.#directory).ino
      return true
    } catch {
      this.#closeWatcher()
      return false
    }
  }

  #onEvent(fileName: string | Buffer | null): void {
    const name = fileName === null ? null : fileName.toString()
    // Some platforms omit the name: then any event in the directory may be ours.
    if (name === null || name === this.#fileName) {
      this.#changed()
      return
    }
    // inotify reports the watched directory's own deletion or move under the directory's name.
    if (name === basename(this.#directory)) void this.#checkDirectory()
  }

  async #checkDirectory(): Promise<void> {
    const watched = this.#watcher
    try {
      const stats = await stat(this.#directory)
      if (stats.ino === this.#directoryInode) return
    } catch {
      // Gone: fall through.
    }
    if (this.#watcher === watched) this.#lost()
  }

  /** The watch no longer sees the directory: report a possible change and watch again when it is back. */
  #lost(): void {
    this.#closeWatcher()
    this.#changed()
    this.#scheduleRetry()
  }

  #scheduleRetry(): void {
    if (this.#closed || this.#retryTimer !== undefined) return
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined
      // The file may have appeared while nothing watched: report it once the watch is back.
      if (this.#tryWatch()) this.#changed()
      else this.#scheduleRetry()
    }, this.#timing.retryMs)
  }

  #changed(): void {
    if (this.#closed) return
    const now = Date.now()
    this.#burstStartedAt ??= now
    clearTimeout(this.#debounceTimer)
    const waited = now - this.#burstStartedAt
    const delay = Math.max(0, Math.min(this.#timing.debounceMs, this.#timing.maxWaitMs - waited))
    this.#debounceTimer = setTimeout(() => {
      this.#debounceTimer = undefined
      this.#burstStartedAt = undefined
      if (!this.#closed) this.#onChange()
    }, delay)
  }

  #closeWatcher(): void {
    this.#watcher?.close()
    this.#watcher = undefined
  }
}
