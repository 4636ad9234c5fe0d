import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadJob } from '../../../src/core/jobs/job-store'
import { newJob } from '../../../src/core/jobs/new-job'
import { parseJobFile } from '../../../src/core/jobs/job-file'
import { testSettings } from '../../helpers/job-fixtures'
import { parseJobOptions } from '@shared/domain/job-options'
import { jobOptionsOf, jobSettingsFrom } from '../../../src/core/service/job-settings'
import { BUILTIN_TEMPLATES } from '../../../src/core/templates/builtins'
import { tempDir } from '../../helpers/temp'

describe('job.json is parsed, never cast', () => {
  it('a job written by this version reads back whole (product rows keyed __proto__ too)', async () => {
    const dataDir = await tempDir('job-file')
    const productContext = JSON.parse('{"__proto__":{"brand":"Evil"},"mug-1":{"brand":"Acme"}}')
    const settings = testSettings([], { skuPattern: '^(\\w+)_', batchLines: 10, productContext })
    const job = await newJob(dataDir, settings, undefined, { files: [], rejected: [], skipped: 0 })
    const loaded = await loadJob(dataDir, job.id)
    expect(JSON.parse(JSON.stringify(loaded.settings))).toEqual(
      JSON.parse(JSON.stringify(settings))
    )
    expect(Object.keys(loaded.settings.productContext!)).toEqual(['__proto__', 'mug-1'])
    expect(Object.getPrototypeOf(loaded.settings.productContext)).toBeNull()
  })

  it('a damaged or hand-edited job.json is refused with the job and the field named', async () => {
    const dataDir = await tempDir('job-file')
    const job = await newJob(dataDir, testSettings([]), undefined, {
      files: [],
      rejected: [],
      skipped: 0
    })
    const file = join(job.dir, 'job.json')
    const edited = {
      version: 1,
      id: job.id,
      settings: { ...job.settings, detail: 'ultra', rpm: -5 }
    }
    await writeFile(file, JSON.stringify(edited))
    await expect(loadJob(dataDir, job.id)).rejects.toThrow(
      `The job "${job.id}" has a damaged job.json: detail: takes low, high or auto; got "ultra"`
    )
    await writeFile(file, '{"settings": {"name": ')
    await expect(loadJob(dataDir, job.id)).rejects.toThrow('damaged job.json (not JSON)')
  })

  it('is the one job spec: options chosen in the window or by flags read back the same from job.json, with defaults for what older versions left out', async () => {
    const chosen = parseJobOptions({
      language: 'Deutsch',
      detail: 'high',
      skuPattern: '^(\\w+)_',
      batchLines: 500,
      prices: { input: 0.4, output: 1.6 },
      mode: 'batch'
    })
    if (!chosen.ok) throw new Error(chosen.message)
    const settings = jobSettingsFrom(chosen.options, {
      inputs: ['/photos'],
      template: BUILTIN_TEMPLATES[0],
      endpoint: { kind: 'openai' }
    })
    const dataDir = await tempDir('job-file')
    const job = await newJob(dataDir, settings, undefined, { files: [], rejected: [], skipped: 0 })
    // The catalog's limits were resolved into the job when it was made; the rest is as chosen.
    expect(jobOptionsOf((await loadJob(dataDir, job.id)).settings)).toEqual({
      ...chosen.options,
      rpm: settings.rpm,
      tpm: settings.tpm
    })
    const { background, mode, structuredMode, ...older } = settings
    expect([background, mode, structuredMode]).toEqual(['#ffffff', 'batch', 'json_schema'])
    const read = parseJobFile(JSON.stringify({ settings: older }), 'older')
    expect([read.background, read.mode, read.structuredMode]).toEqual([
      '#ffffff',
      'live',
      'json_schema'
    ])
  })

  it('a job from before endpoints were recorded resumes where its base URL said', () => {
    const old = { ...testSettings([]), endpoint: undefined, baseURL: 'http://127.0.0.1:9/v1' }
    const settings = parseJobFile(JSON.stringify({ settings: old }), 'old')
    expect(settings.endpoint).toEqual({ kind: 'compatible', baseURL: 'http://127.0.0.1:9/v1' })
  })
})
