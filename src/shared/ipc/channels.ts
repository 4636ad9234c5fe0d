/** Every IPC channel: `domain:verb-noun` for requests, `domain:noun` for events. */
export const channels = {
  getAppInfo: 'app:get-info'
} as const

/** Channels main pushes to the renderer. */
export const eventChannels = {} as const

export type Channel = (typeof channels)[keyof typeof channels]
