/** Small helpers shared by the benchmarks: timing, GC, and a table printer. */

export function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc
  if (!collect) throw new Error('Run the benchmarks with node --expose-gc (npm run bench does).')
  collect()
  collect()
}

/** Median wall time of `runs` runs of `task`, in ms, after `warmup` runs. */
export async function medianMs(task: () => unknown | Promise<unknown>, runs = 5, warmup = 1): Promise<number> {
  for (let index = 0; index < warmup; index++) await task()
  const times: number[] = []
  for (let index = 0; index < runs; index++) {
    const start = performance.now()
    await task()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

export function heapUsed(): number {
  gc()
  return process.memoryUsage().heapUsed
}

export interface BenchRow {
  benchmark: string
  measured: string
  baseline: string
  ratio: number
  goal: string
}

export function ratioText(ratio: number): string {
  return Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a'
}

export function printTable(rows: BenchRow[]): void {
  const header = ['benchmark', 'measured', 'baseline', 'ratio', 'goal', 'met']
  const body = rows.map((row) => [row.benchmark, row.measured, row.baseline, ratioText(row.ratio), row.goal, goalMet(row) ? 'yes' : 'NO'])
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)))
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`
  console.log(line(header))
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`)
  for (const cells of body) console.log(line(cells))
}

/** Goals are written "<= N" (ratio at most N) or "== 0". */
function goalMet(row: BenchRow): boolean {
  const match = /^(<=|==)\s*([\d.]+)/.exec(row.goal)
  if (!match) return true
  const limit = Number(match[2])
  return match[1] === '<=' ? row.ratio <= limit : row.ratio === limit
}

export function formatMs(ms: number): string {
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`
}

export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MiB`
  if (Math.abs(bytes) >= 1024) return `${(bytes / 1024).toFixed(2)} KiB`
  return `${Math.round(bytes)} B`
}
