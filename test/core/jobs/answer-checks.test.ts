import { describe, expect, it } from 'vitest'
import { AnswerChecks } from '../../../src/core/jobs/answer-checks'
import { readingEase } from '../../../src/core/jobs/reading-ease'
import type { JobItem } from '../../../src/core/jobs/job-state'
import { jobTemplate } from '../../../src/core/jobs/job-request'
import { testSettings } from '../../helpers/job-fixtures'

const settings = testSettings(['/p'], {
  templateId: 'listing-pack',
  productContext: {
    'shoe-1.jpg': { keywords: 'trail shoe, running, red' },
    'shoe-2.jpg': { keywords: 'trail shoe' }
  }
})

function answered(id: string, file: string, title: string, description: string): JobItem {
  return {
    id,
    sha256: id,
    bytes: 1,
    paths: [`/p/${file}`],
    status: 'done',
    result: {
      text: '',
      fields: { title, meta_description: description, alt_text: 'x', tags: ['a'] },
      model: 'm',
      promptTokens: 1,
      completionTokens: 1,
      costUsd: 0,
      latencyMs: 1,
      finishReason: 'stop',
      fromCache: false
    }
  }
}

describe('checks of an answer against the job around it', () => {
  it('flags a title another photo also got, and a target keyword missing; an edit clears it', () => {
    const checks = new AnswerChecks(jobTemplate(settings), { settings })
    const a = answered('p1', 'shoe-1.jpg', 'Red trail shoe', 'A light trail shoe for wet paths.')
    const b = answered('p2', 'shoe-2.jpg', 'Red Trail  Shoe', 'Grippy running shoe.')
    const c = answered('p3', 'hat.jpg', 'Wool hat', 'A warm hat.')
    for (const item of [a, b, c]) checks.index(item)
    expect(checks.flags(a)).toEqual([
      { code: 'duplicate', field: 'Product title', params: { n: 1 } }
    ])
    expect(checks.flags(b)).toEqual([
      { code: 'duplicate', field: 'Product title', params: { n: 1 } },
      { code: 'keywordMissing', field: 'Meta description', params: { word: 'trail shoe' } }
    ])
    expect(checks.flags(c)).toEqual([])
    b.result!.fields!.title = 'Grippy trail shoe'
    checks.index(b)
    expect(checks.flags(a)).toEqual([])
  })
})

describe('checks of a product answered together, and of shop columns', () => {
  it('does not call the photos of one product duplicates of each other, but still another product with the same title', () => {
    const checks = new AnswerChecks(jobTemplate(settings), { settings })
    const front = answered('p1', 'hat-front.jpg', 'Wool hat', 'A warm hat.')
    const back = answered('p2', 'hat-back.jpg', 'Wool hat', 'A warm hat.')
    back.result!.lead = 'p1'
    const other = answered('p3', 'cap.jpg', 'Wool cap', 'A warm cap.')
    for (const item of [front, back, other]) checks.index(item)
    expect(checks.flags(front)).toEqual([])
    expect(checks.flags(back)).toEqual([])
    other.result!.fields!.title = 'Wool hat'
    checks.index(other)
    expect(checks.flags(back)).toEqual([
      { code: 'duplicate', field: 'Product title', params: { n: 1 } }
    ])
  })

  it('flags a text longer than a shop column takes, naming the shop, the column and the counts; never cuts it', () => {
    const checks = new AnswerChecks(jobTemplate(settings), { settings })
    const long = 'Warm wool hat '.repeat(6).trim()
    const hat = answered('p1', 'hat.jpg', long, 'A warm hat.')
    checks.index(hat)
    expect(checks.flags(hat)).toContainEqual({
      code: 'tooLongForShop',
      field: 'Product title',
      params: { length: long.length, max: 70, column: 'SEO title', shop: 'Shopify' }
    })
    expect(hat.result!.fields!.title).toBe(long)
  })
})

describe('reading ease of English descriptions', () => {
  const dense =
    'Ergonomically engineered multifunctional thermoplastic polyurethane construction facilitates exceptional proprioceptive responsiveness, notwithstanding considerable environmental variability, predominantly characterising professional utilisation.'
  const plain =
    'A light trail shoe for wet paths. It grips well, dries fast and feels soft from the first run.'

  it('flags a description that reads like an academic paper, not a plain one', () => {
    expect(readingEase(plain)!).toBeGreaterThan(60)
    expect(readingEase(dense)!).toBeLessThan(0)
    expect(readingEase('Too short to judge.')).toBeNull()
    const checks = new AnswerChecks(jobTemplate(settings), { settings })
    const hard = answered('p1', 'hat.jpg', 'Trail shoe', dense)
    const easy = answered('p2', 'cap.jpg', 'Trail cap', plain)
    for (const item of [hard, easy]) checks.index(item)
    expect(checks.flags(hard)).toEqual([
      {
        code: 'hardToRead',
        field: 'Meta description',
        params: { score: Math.round(readingEase(dense)!) }
      }
    ])
    expect(checks.flags(easy)).toEqual([])
  })

  it('is not judged in another language', () => {
    const spanish = { ...settings, language: 'Español' }
    const checks = new AnswerChecks(jobTemplate(spanish), { settings: spanish })
    const hard = answered('p1', 'hat.jpg', 'Zapatilla', dense)
    checks.index(hard)
    expect(checks.flags(hard)).toEqual([])
  })
})
