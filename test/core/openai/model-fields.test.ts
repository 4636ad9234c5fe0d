import OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import { classifyError } from '../../../src/core/openai/classify'
import { withCacheKey } from '../../../src/core/jobs/job-request'
import { BUILTIN_TEMPLATES } from '../../../src/core/templates/builtins'

const body = { model: 'gpt-6-luna', messages: [] }

describe('a model switched off mid-run', () => {
  it('stops the job (resumable) naming the replacement', () => {
    const failure = classifyError(
      OpenAI.APIError.generate(
        404,
        {
          error: {
            type: 'invalid_request_error',
            code: 'model_not_found',
            message: 'The model `gpt-5-mini` does not exist or you do not have access to it.'
          }
        },
        undefined,
        new Headers()
      )
    )
    expect(failure.kind).toBe('config')
    expect(failure.message).toMatch(
      /^The endpoint no longer serves gpt-5-mini \(404 model_not_found\)\. Switch to gpt-6\.1-terra and resume\./
    )
  })
})

describe('prompt_cache_key', () => {
  it('goes to OpenAI itself, one per template, and nowhere else', () => {
    const [seo, alt] = BUILTIN_TEMPLATES
    const openai = withCacheKey(body, seo, { endpoint: { kind: 'openai' } })
    expect(openai.prompt_cache_key).toMatch(/^photoscribe-seo-meta-[0-9a-f]{12}$/)
    expect(withCacheKey(body, seo, { endpoint: { kind: 'openai' } }).prompt_cache_key).toBe(
      openai.prompt_cache_key
    )
    expect(withCacheKey(body, alt, { endpoint: { kind: 'openai' } }).prompt_cache_key).not.toBe(
      openai.prompt_cache_key
    )
    const gateway = { kind: 'compatible' as const, baseURL: 'https://openrouter.ai/api/v1' }
    expect(withCacheKey(body, seo, { endpoint: gateway })).not.toHaveProperty('prompt_cache_key')
    // The built-in simulator stands in for OpenAI itself (the demo shows Flex and caching).
    expect(withCacheKey(body, seo, { endpoint: { kind: 'demo' } }).prompt_cache_key).toBe(
      openai.prompt_cache_key
    )
  })
})
