import { describe, expect, it } from 'vitest'
import { jobOptionsSchema } from '@shared/domain/job-options'
import { jobOptionsOf, jobSettingsFrom } from '../../../src/core/service/job-settings'
import { BUILTIN_TEMPLATES } from '../../../src/core/templates/builtins'
import { foldJournal } from '../../../src/core/jobs/job-state'
import { JobView } from '../../../src/main/workspace/job-view'

describe('a job read back as options (what the window shows for an open job)', () => {
  it('keeps every option a person chose: nothing is dropped by a field-by-field copy', () => {
    const chosen = jobOptionsSchema.parse({
      templateId: 'listing-pack',
      language: 'Deutsch',
      model: 'gpt-4.1',
      detail: 'high',
      rpm: 321,
      tpm: 654_321,
      maxConcurrency: 7,
      budgetUsd: 12.5,
      prices: { input: 1.5, output: 6 },
      imageAdmission: 'formula',
      jpegQuality: 70,
      background: '#eeeeee',
      structuredMode: 'json_object',
      mode: 'batch',
      batchLines: 500,
      skuPattern: '^(\\w+)_'
    })
    const template = BUILTIN_TEMPLATES.find((t) => t.id === 'listing-pack')!
    const settings = jobSettingsFrom(chosen, {
      inputs: ['/photos'],
      template,
      endpoint: { kind: 'openai' }
    })
    expect(jobOptionsOf(settings)).toEqual(chosen)
    // The window's view of the open job shows the same (it dropped skuPattern, batch lines and
    // prices when it copied fields by hand).
    const job = {
      id: 'j',
      dir: '',
      journalPath: '',
      settings,
      state: foldJournal([]),
      tornTail: false
    }
    expect(new JobView(job, false).open(0).options).toEqual(chosen)
  })
})
