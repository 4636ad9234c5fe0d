import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { printable, redactSecrets } from '@shared/redact'
import { exportJob } from '../../../src/core/export/export-job'
import { newJob } from '../../../src/core/jobs/new-job'
import { JobRun } from '../../../src/core/jobs/run-job'
import { createOpenAITransport } from '../../../src/core/openai/transport'
import { systemClock } from '../../../src/core/scheduler/clock'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'

const KEY = 'sk-proj-Secret0123456789abcdWXYZ'
let server: Server | undefined
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
)

/** A compatible server that echoes the key it was sent in every error (some do). */
async function echoingServer(): Promise<string> {
  server = createServer((req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        error: {
          message: `Bad request for ${req.headers.authorization}; key=${KEY}`,
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_image'
        }
      })
    )
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
}

describe('keys never reach stored or shown text', () => {
  it('masks key shapes and known keys, each line of a pasted pair', () => {
    expect(redactSecrets(`Incorrect key ${KEY} given`)).toBe('Incorrect key sk-…WXYZ given')
    expect(redactSecrets('Authorization: Bearer abcdefghijklmnop1234')).toBe(
      'Authorization: Bearer …1234'
    )
    expect(redactSecrets('value "azure0123456789abcdef" invalid', ['azure0123456789abcdef'])).toBe(
      'value "…cdef" invalid'
    )
  })

  it('a key with a line break (two pasted together): the failure names neither', async () => {
    const pair = 'sk-proj-AAAA1111BBBB2222\nsk-proj-CCCC3333DDDD4444'
    const transport = createOpenAITransport(
      { baseURL: 'http://127.0.0.1:9/v1' },
      new Map([['k', pair]])
    )
    const result = await transport.send(
      'k',
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] },
      { signal: new AbortController().signal, timeoutMs: 2000 }
    )
    expect(result.ok).toBe(false)
    const message = result.ok ? '' : result.failure.message
    expect(message).not.toContain('AAAA1111BBBB2222')
    expect(message).not.toContain('CCCC3333DDDD4444')
  })

  it('a server that echoes the key: journal and export hold only sk-…WXYZ', async () => {
    const baseURL = await echoingServer()
    const { photos, dataDir } = await photoFolder(3)
    const job = await newJob(dataDir, testSettings([photos]))
    await new JobRun(job, {
      dataDir,
      transport: createOpenAITransport({ baseURL }, new Map([['k', KEY]])),
      keys: [{ id: 'k', label: 'k', rpm: 600, tpm: 1e7 }],
      clock: systemClock
    }).run()
    const out = join(dataDir, 'results.csv')
    await exportJob(job, out, dataDir)
    for (const file of [job.journalPath, out]) {
      const text = await readFile(file, 'utf8')
      expect(text).not.toContain('Secret0123456789')
      expect(text).toContain('sk-…WXYZ')
    }
  })
})

describe('terminal text', () => {
  it('strips ANSI and OSC escapes and control characters', () => {
    expect(printable('a\u001b]0;pwned\u0007b\u001b[31mred\u001b[0m\r\u0008c')).toBe('abredc')
    expect(printable('tab\tand\nnewline stay')).toBe('tab\tand\nnewline stay')
  })
})
