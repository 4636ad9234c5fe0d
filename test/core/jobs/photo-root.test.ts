import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadJob } from '../../../src/core/jobs/job-store'
import { newJob } from '../../../src/core/jobs/new-job'
import { fromJournalPath, photoRootOf, toJournalPath } from '../../../src/core/jobs/photo-root'
import { JobService } from '../../../src/core/service/job-service'
import { testSettings } from '../../helpers/job-fixtures'
import { tempDir } from '../../helpers/temp'

const FIXTURES = join(import.meta.dirname, '../../fixtures/images')

async function shoot(root: string): Promise<string> {
  const photos = join(root, 'shoot')
  await mkdir(join(photos, 'shoes'), { recursive: true })
  await mkdir(join(photos, 'bags'), { recursive: true })
  await copyFile(join(FIXTURES, 'Landscape_6.jpg'), join(photos, 'shoes', 'a.jpg'))
  await copyFile(join(FIXTURES, 'with-alpha.png'), join(photos, 'bags', 'b.png'))
  return photos
}

describe('journals a second machine can pick up', () => {
  it('keeps photos relative to the job’s root: no absolute path in the journal', async () => {
    const root = await tempDir('photo-root')
    const photos = await shoot(root)
    const job = await newJob(join(root, 'data'), testSettings([photos]))
    expect(job.settings.photoRoot).toBe(root)
    const journal = await readFile(job.journalPath, 'utf8')
    expect(journal).not.toContain(root)
    const paths = journal
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { paths?: string[]; path?: string })
      .flatMap((event) => event.paths ?? (event.path ? [event.path] : []))
    expect(paths.sort()).toEqual(['shoot/bags/b.png', 'shoot/shoes/a.jpg'])
    // Loaded, the paths are this machine's again.
    const loaded = await loadJob(join(root, 'data'), job.id)
    const items = [...loaded.state.items.values()].flatMap((item) => item.paths ?? [])
    expect(items.every((path) => existsSync(path))).toBe(true)
  })

  it('a job whose photos moved finds them again under the root it is given', async () => {
    const root = await tempDir('photo-root-move')
    const photos = await shoot(root)
    const dataDir = join(root, 'data')
    const job = await newJob(dataDir, testSettings([photos]))
    // "Another machine": the photos are under another folder there.
    const elsewhere = join(root, 'workstation-2')
    await mkdir(elsewhere)
    await rename(photos, join(elsewhere, 'shoot'))
    const service = new JobService(dataDir)
    const moved = await service.rootPhotosAt(job, elsewhere)
    const items = [...moved.state.items.values()].flatMap((item) => item.paths ?? [])
    expect(items.length).toBe(2)
    for (const path of items) {
      expect(path.startsWith(elsewhere)).toBe(true)
      expect(existsSync(path)).toBe(true)
    }
    // And it stays so: the root is saved with the job.
    expect((await loadJob(dataDir, job.id)).settings.photoRoot).toBe(elsewhere)
  })

  it('an older job of absolute paths loads as it was, and cannot be moved', async () => {
    const root = await tempDir('photo-root-old')
    const photos = await shoot(root)
    const dataDir = join(root, 'data')
    const job = await newJob(dataDir, testSettings([photos]))
    const absolute = join(photos, 'shoes', 'a.jpg')
    // Rewrite it as older versions wrote it: no root, absolute paths.
    const older: Partial<typeof job.settings> = { ...job.settings }
    delete older.photoRoot
    await writeFile(
      join(job.dir, 'job.json'),
      JSON.stringify({ version: 1, id: job.id, settings: older })
    )
    await writeFile(
      job.journalPath,
      `${JSON.stringify({ e: 'added', id: 'p1', sha256: 'x'.repeat(64), bytes: 1, paths: [absolute] })}\n`
    )
    const loaded = await loadJob(dataDir, job.id)
    expect(loaded.state.items.get('p1')?.paths).toEqual([absolute])
    await expect(new JobService(dataDir).rootPhotosAt(loaded, root)).rejects.toThrow(
      /absolute paths/
    )
  })

  it('finds the deepest common folder, and none across drives', () => {
    expect(photoRootOf(['/a/b/shoot', '/a/b/more/x.jpg'])).toBe('/a/b')
    expect(photoRootOf(['/a/b/x.jpg', '/a/b/y.jpg'])).toBe('/a/b')
    expect(photoRootOf([])).toBeUndefined()
    expect(toJournalPath('/a/b', '/a/b/shoot/x.jpg')).toBe('shoot/x.jpg')
    expect(fromJournalPath('/c/d', 'shoot/x.jpg')).toBe('/c/d/shoot/x.jpg')
    // A path outside the root stays absolute; an absolute one from the journal stays as it is.
    expect(toJournalPath('/a/b', '/elsewhere/x.jpg')).toBe('/elsewhere/x.jpg')
    expect(fromJournalPath('/c/d', '/elsewhere/x.jpg')).toBe('/elsewhere/x.jpg')
  })

  it('turns a journal path into this machine’s path exactly as resolve does, odd ones too', () => {
    const roots = ['/c/d', '/c/d/', '/', '/c/./d', '/c/d/..']
    const paths = ['shoot/x.jpg', 'a/b/c.png', './x.jpg', '../x.jpg', 'a/../x.jpg', 'a//x.jpg']
    paths.push(
      'a/./x',
      'a/',
      '.hidden/x.jpg',
      '..x/y',
      'a/..b',
      'a\\b.jpg',
      'C:x',
      'a/.',
      '.',
      '...'
    )
    for (const root of roots)
      for (const path of paths)
        expect([root, path, fromJournalPath(root, path)]).toEqual([
          root,
          path,
          resolve(root, ...path.split('/'))
        ])
  })
})
