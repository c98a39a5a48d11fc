// The part of newman's programmatic API the client tests use (newman ships no types).
declare module 'newman' {
  interface NewmanExecution {
    item: { name: string }
    request: { method: string; url: { toString(): string } }
    response?: { code: number }
    requestError?: Error
  }
  interface NewmanSummary {
    run: { executions: NewmanExecution[]; failures: unknown[] }
  }
  interface NewmanRunOptions {
    collection: unknown
    environment?: { values: Array<{ key: string; value: string; enabled?: boolean }> }
    reporters?: string[]
    timeoutRequest?: number
  }
  function run(options: NewmanRunOptions, callback: (error: Error | null, summary: NewmanSummary) => void): unknown
  const newman: { run: typeof run }
  export default newman
}
