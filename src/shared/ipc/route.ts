import type { z } from 'zod'
import { channelOf } from './route-names'

/** One request: its channel, and the zod schemas its input and its output must match. */
export interface Route<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  channel: string
  input: I
  output: O
}

type RouteShapes = Record<string, { input: z.ZodType; output: z.ZodType }>

/** A domain's routes, channels named `domain:method-name`: the one place a request is declared. */
export function defineRoutes<S extends RouteShapes>(
  domain: string,
  shapes: S
): { [K in keyof S]: Route<S[K]['input'], S[K]['output']> } {
  const routes = {} as Record<string, Route>
  for (const [name, shape] of Object.entries(shapes))
    routes[name] = { channel: channelOf(domain, name), ...shape }
  return routes as { [K in keyof S]: Route<S[K]['input'], S[K]['output']> }
}
