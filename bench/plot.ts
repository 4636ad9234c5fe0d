import sharp from 'sharp'

/** One sample of a run: seconds since start, resident memory, photos done. */
export interface RssSample {
  t: number
  rssMb: number
  done: number
}

const W = 900
const H = 420
const PAD = { left: 70, right: 70, top: 50, bottom: 50 }

/** Draws RSS (MB, left axis) and photos done (right axis) over time, as a PNG (SVG rendered by sharp). */
export async function writeRssPlot(
  samples: RssSample[],
  path: string,
  title: string,
  process = 'the CLI process'
): Promise<void> {
  const tMax = Math.max(1, ...samples.map((s) => s.t))
  const rssMax = Math.max(100, ...samples.map((s) => s.rssMb)) * 1.15
  const doneMax = Math.max(1, ...samples.map((s) => s.done))
  const x = (t: number): number => PAD.left + (t / tMax) * (W - PAD.left - PAD.right)
  const y = (v: number, max: number): number =>
    H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom)
  const line = (pick: (s: RssSample) => number, max: number): string =>
    samples
      .map((s, i) => `${i === 0 ? 'M' : 'L'}${x(s.t).toFixed(1)},${y(pick(s), max).toFixed(1)}`)
      .join(' ')
  const ticks = [0, 0.25, 0.5, 0.75, 1]
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="DejaVu Sans, sans-serif" font-size="12">
  <rect width="100%" height="100%" fill="#fff"/>
  <text x="${W / 2}" y="24" text-anchor="middle" font-size="15">${title}</text>
  ${ticks
    .map((f) => {
      const yy = y(f * rssMax, rssMax)
      return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${yy}" y2="${yy}" stroke="#e5e7eb"/>
  <text x="${PAD.left - 8}" y="${yy + 4}" text-anchor="end" fill="#1d4ed8">${Math.round(f * rssMax)} MB</text>
  <text x="${W - PAD.right + 8}" y="${yy + 4}" fill="#15803d">${Math.round(f * doneMax).toLocaleString('en')}</text>`
    })
    .join('\n  ')}
  ${ticks.map((f) => `<text x="${x(f * tMax)}" y="${H - PAD.bottom + 18}" text-anchor="middle">${Math.round(f * tMax)} s</text>`).join('\n  ')}
  <path d="${line((s) => s.done, doneMax)}" fill="none" stroke="#15803d" stroke-width="2" stroke-dasharray="5 3"/>
  <path d="${line((s) => s.rssMb, rssMax)}" fill="none" stroke="#1d4ed8" stroke-width="2.5"/>
  <text x="${PAD.left}" y="${PAD.top - 8}" fill="#1d4ed8">RSS of ${process}</text>
  <text x="${W - PAD.right}" y="${PAD.top - 8}" text-anchor="end" fill="#15803d">photos done (dashed)</text>
</svg>`
  await sharp(Buffer.from(svg)).png().toFile(path)
}
