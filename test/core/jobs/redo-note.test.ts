import { describe, expect, it } from 'vitest'
import { photoVariables } from '../../../src/core/jobs/job-request'
import type { JobItem } from '../../../src/core/jobs/job-state'
import { testSettings } from '../../helpers/job-fixtures'

const answered: JobItem = {
  id: 'p1',
  sha256: '',
  bytes: 0,
  paths: ['/shop/TSHIRT-01.jpg'],
  status: 'done',
  result: {
    text: '',
    fields: { title: 'Sand linen shirt', description: 'A relaxed shirt.' },
    model: 'm',
    costUsd: 0,
    promptTokens: 0,
    completionTokens: 0,
    latencyMs: 0,
    finishReason: 'stop',
    fromCache: false
  }
}

describe("the reviewer's note on an answer asked for again", () => {
  const settings = testSettings([])
  it('says nothing on a first answer', () => {
    expect(photoVariables(answered, settings).redo_note).toBe('')
  })

  it('asks for a new answer, with the note when there is one', () => {
    expect(photoVariables({ ...answered, redo: '' }, settings).redo_note).toBe(
      'Write a new answer.'
    )
    expect(photoVariables({ ...answered, redo: 'shorter' }, settings).redo_note).toBe(
      'Write a new answer. The reviewer asks: shorter'
    )
  })

  it('asks for one field alone, saying what it is now', () => {
    const note = photoVariables({ ...answered, redo: 'mention linen', redoField: 'title' }, settings)
      .redo_note
    expect(note).toBe(
      'Write a new title only; the other fields may stay as they are. It is now: "Sand linen shirt". The reviewer asks: mention linen'
    )
  })
})
