import { copyFile, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const FIXTURES = join(__dirname, '../fixtures/images')

/**
 * Copies of every fixture photo in a new temp folder, plus a JPEG, PNG and WebP cut to two thirds
 * (cut-off ones). Returns the folder and the copies' paths.
 */
export async function fixturePhotoCopies(
  prefix: string
): Promise<{ dir: string; paths: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  const names = (await readdir(FIXTURES)).filter((name) => !name.endsWith('.md'))
  const paths: string[] = []
  for (const name of names) {
    await copyFile(join(FIXTURES, name), join(dir, name))
    paths.push(join(dir, name))
  }
  for (const name of ['flowers.jpeg', '2569067123_aca715a2ee_o.jpg', 'with-alpha.png', '4.webp']) {
    const bytes = await readFile(join(FIXTURES, name))
    await writeFile(join(dir, `cut-${name}`), bytes.subarray(0, Math.floor((bytes.length * 2) / 3)))
    paths.push(join(dir, `cut-${name}`))
  }
  return { dir, paths }
}
