import { describe, expect, it } from 'vitest'
import { parseJobOptions } from '@shared/domain/job-options'

describe('job options', () => {
  it('fill in the defaults a new job starts from', () => {
    expect(parseJobOptions({})).toEqual({
      ok: true,
      options: {
        templateId: 'seo-meta',
        language: 'English',
        model: 'gpt-6-luna',
        detail: 'low',
        maxConcurrency: 500,
        imageAdmission: 800,
        jpegQuality: 85,
        background: '#ffffff',
        structuredMode: 'json_schema',
        mode: 'live',
        flexFallback: false
      }
    })
  })

  it.each([
    [{ detail: 'medium' }, 'detail', 'takes low, high or auto; got "medium"'],
    [{ skuPattern: '^\\w+_' }, 'skuPattern', 'needs a capturing group, e.g. "^(\\w+)_"'],
    [
      { skuPattern: '([' },
      'skuPattern',
      expect.stringContaining('is not a valid regular expression')
    ],
    [{ maxConcurrency: 0 }, 'maxConcurrency', expect.any(String)],
    [{ jpegQuality: 101 }, 'jpegQuality', expect.any(String)],
    [{ prices: { input: -1 } }, 'prices.input', expect.any(String)],
    [{ sneaky: true }, '(options)', expect.stringContaining('sneaky')]
  ])('refuse %j, naming the field', (input, field, message) => {
    expect(parseJobOptions(input)).toEqual({
      ok: false,
      field,
      problem: expect.objectContaining({ code: expect.any(String) }),
      message
    })
  })
})
