import newman from 'newman'

/** One request newman sent: the item name, method and the URL it resolved. */
export interface SentRequest {
  name: string
  method: string
  url: string
  status: number | undefined
}

/**
 * Runs a Postman collection in newman (in-process) with an environment, the way
 * `newman run collection.json -e env.json` does, and lists the requests it sent.
 */
export function runNewman(collection: unknown, environment: Record<string, string>): Promise<SentRequest[]> {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection,
        environment: { values: Object.entries(environment).map(([key, value]) => ({ key, value, enabled: true })) },
        reporters: [],
        timeoutRequest: 10_000,
      },
      (error, summary) => {
        if (error !== null) return reject(error)
        resolve(
          summary.run.executions.map((execution) => ({
            name: execution.item.name,
            method: execution.request.method,
            url: execution.request.url.toString(),
            status: execution.response?.code,
          })),
        )
      },
    )
  })
}
