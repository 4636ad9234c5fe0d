/** Channels main pushes to the renderer (requests are named by their routes, `routes/`). */
export const eventChannels = {
  update: 'workspace:update'
} as const
