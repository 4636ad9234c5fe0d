import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import pkg from '../../package.json'
import { runInProcess } from '../helpers/cli'

describe('photoscribe CLI', () => {
  it('prints its version', async () => {
    expect(await runInProcess(['--version'])).toMatchObject({ code: 0, out: [pkg.version] })
  })

  it('lists the simulate command in --help', async () => {
    const { code, out } = await runInProcess(['--help'])
    expect(code).toBe(0)
    expect(out.join('\n')).toMatch(/simulate \[options\]\s+start the built-in OpenAI simulator/)
  })

  it('refuses a malformed flag with exit code 2, naming the flag', async () => {
    const { code, err } = await runInProcess(['simulate', '--fail-500', '1.5'])
    expect(code).toBe(2)
    expect(err).toContain('--fail-500 takes a number from 0 to 1; got "1.5"')
  })

  it('refuses an unknown command with exit code 2', async () => {
    expect((await runInProcess(['frobnicate'])).code).toBe(2)
  })

  it('`simulate --json` starts a simulator that answers, and stops on SIGTERM', async () => {
    const root = join(import.meta.dirname, '../..')
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/index.ts',
        'simulate',
        '--json',
        '--rpm',
        '42',
        '--latency',
        '0'
      ],
      {
        cwd: root,
        env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' }
      }
    )
    const lines = createInterface({ input: child.stdout })
    const first = await new Promise<string>((resolve) => lines.once('line', resolve))
    const { event, url } = JSON.parse(first) as { event: string; url: string }
    expect(event).toBe('listening')
    const models = await fetch(`${url}/models`, { headers: { authorization: 'Bearer sk-x' } })
    expect(models.status).toBe(200)
    expect(models.headers.get('x-ratelimit-limit-requests')).toBeNull()
    const chat = await fetch(`${url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-x', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-4o',
        max_completion_tokens: 5,
        messages: [{ role: 'user', content: 'hi' }]
      })
    })
    expect(chat.headers.get('x-ratelimit-limit-requests')).toBe('42')
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
  })
})

describe('simulate scenario flags', () => {
  it('map onto the simulator’s faults, answer faults and limits', async () => {
    const { Command } = await import('commander')
    const { registerSimulate, simulatorOverrides } = await import('../../src/cli/commands/simulate')
    const program = new Command().exitOverride()
    registerSimulate(program, () => {})
    const command = program.commands.find((c) => c.name() === 'simulate')!
    command.parseOptions([
      '--refusal',
      '0.2',
      '--stall-body',
      '0.1',
      '--rpd',
      '50',
      '--bare-429',
      '--outage-after',
      '5',
      '--outage-ms',
      '30000',
      '--no-bill-abandoned'
    ])
    const options = simulatorOverrides(command.opts() as never)
    expect(options.answerFaults).toMatchObject({ refusal: 0.2, codeFence: 0 })
    expect(options.faults).toMatchObject({ stallBody: 0.1, fail500: 0 })
    expect(options.defaultKey).toMatchObject({ rpd: 50 })
    expect(options).toMatchObject({
      bare429: true,
      billAbandoned: false,
      outage: { afterRequests: 5, durationMs: 30_000 }
    })
  })
})
