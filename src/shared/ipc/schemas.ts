import { z } from 'zod'
import { channels } from './channels'
import type { InputOf, RequestChannel } from './contract'

/** The zod schema every renderer input is parsed with before a handler sees it. */
export const inputSchemas: { [C in RequestChannel]: z.ZodType<InputOf<C>> } = {
  [channels.getAppInfo]: z.undefined()
}
