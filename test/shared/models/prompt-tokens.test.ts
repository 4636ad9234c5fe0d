import { describe, expect, it } from 'vitest'
import { countPromptTextTokens } from '@shared/models/prompt-tokens'

describe('prompt text tokens', () => {
  it('bill each message its role as well: one user message "Hello" is 8 tokens on gpt-4o', () => {
    expect(countPromptTextTokens([['Hello']])).toBe(8)
    expect(countPromptTextTokens([['You write copy.'], ['Hello']])).toBe(16)
  })
})
