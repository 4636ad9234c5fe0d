/** A chat request body with one text part and the given image data URLs. */
export function chatBody(
  images: string[],
  extra: Record<string, unknown> = {},
  detail: 'low' | 'high' | 'auto' = 'high'
): Record<string, unknown> {
  return {
    model: 'gpt-4o',
    max_completion_tokens: 100,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe this product.' },
          ...images.map((url) => ({ type: 'image_url', image_url: { url, detail } }))
        ]
      }
    ],
    ...extra
  }
}

export interface SimResponse {
  status: number
  headers: Headers
  body: Record<string, unknown>
}

/** POSTs JSON to the simulator with a bearer key and reads the JSON answer. */
export async function post(
  url: string,
  path: string,
  body: unknown,
  key = 'sk-test-key-1'
): Promise<SimResponse> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>
  }
}

/** A clock tests move by hand. */
export function manualClock(start = 1_750_000_000_000): {
  now: () => number
  advance: (ms: number) => void
} {
  let t = start
  return { now: () => t, advance: (ms) => void (t += ms) }
}
