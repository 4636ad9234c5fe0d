import { AppError, ErrorCodes } from '@shared/errors'
import { redactSecrets } from '@shared/redact'
import { fail, ok, type IpcResult } from '@shared/ipc/result'
import type { Route } from '@shared/ipc/route'
import { routes, type Handlers } from '@shared/ipc/routes'

/** Validates sender and input, calls the handler, and returns a result instead of throwing. */
export interface Router {
  readonly channels: readonly string[]
  handle(
    channel: string,
    senderUrl: string | undefined,
    input: unknown
  ): Promise<IpcResult<unknown>>
}

interface Bound {
  route: Route
  handler: (input: unknown) => unknown
}

export interface RouterOptions {
  /** Checks every output against its route's schema too (tests and the e2e harness). */
  checkOutputs?: boolean
}

/** Builds the router; `isTrustedSender` decides which frames may call main at all. */
export function createRouter(
  handlers: Handlers,
  isTrustedSender: (url: string | undefined) => boolean,
  options: RouterOptions = {}
): Router {
  const table = bindRoutes(handlers)
  return {
    channels: [...table.keys()],
    async handle(channel, senderUrl, input) {
      const bound = table.get(channel)
      if (!bound)
        return fail({ code: ErrorCodes.unknownChannel, message: `Unknown channel ${channel}.` })
      if (!isTrustedSender(senderUrl)) {
        return fail({
          code: ErrorCodes.untrustedSender,
          message: 'This request did not come from the Photoscribe window.'
        })
      }
      const parsed = bound.route.input.safeParse(input)
      if (!parsed.success)
        return fail({ code: ErrorCodes.invalidInput, message: describeIssues(parsed.error.issues) })
      const result = await call(bound.handler, parsed.data)
      return options.checkOutputs ? checked(bound.route, result) : result
    }
  }
}

function bindRoutes(handlers: Handlers): Map<string, Bound> {
  const table = new Map<string, Bound>()
  for (const [domain, domainRoutes] of Object.entries(routes)) {
    const domainHandlers = handlers[domain as keyof Handlers] as Record<string, Bound['handler']>
    for (const [method, route] of Object.entries(domainRoutes as Record<string, Route>))
      table.set(route.channel, { route, handler: domainHandlers[method].bind(domainHandlers) })
  }
  return table
}

function checked(route: Route, result: IpcResult<unknown>): IpcResult<unknown> {
  if (!result.ok) return result
  const parsed = route.output.safeParse(result.data)
  if (parsed.success) return result
  return fail({
    code: ErrorCodes.internal,
    message: `${route.channel} answered outside its schema: ${describeIssues(parsed.error.issues)}`
  })
}

async function call(
  handler: (input: unknown) => unknown,
  input: unknown
): Promise<IpcResult<unknown>> {
  try {
    return ok(await handler(input))
  } catch (error) {
    if (error instanceof AppError)
      return fail({ code: error.code, message: error.message, detail: error.detail })
    console.error(
      '[ipc]',
      redactSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error))
    )
    return fail({
      code: ErrorCodes.internal,
      message: 'Something went wrong in Photoscribe. The details are in the log.'
    })
  }
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .map((issue) =>
      issue.path.length > 0
        ? `${issue.path.map(String).join('.')}: ${issue.message}`
        : issue.message
    )
    .join('; ')
}
