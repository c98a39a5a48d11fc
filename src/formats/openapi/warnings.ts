/** Collects the snapshot's warnings: each distinct message once, listed in sorted order. */
export class Warnings {
  readonly #messages = new Set<string>()

  /** Records a message; repeating the same message has no effect. */
  add(message: string): void {
    this.#messages.add(message)
  }

  /** Every message, sorted so that the list does not depend on document key order. */
  list(): string[] {
    return [...this.#messages].sort()
  }
}
