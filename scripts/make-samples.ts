// Renders the demo's sample product photos (resources/samples) from simple SVG drawings.
// Run with: npx tsx --tsconfig tsconfig.node.json scripts/make-samples.ts
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'

const W = 800
const H = 600
const shadow = '<ellipse cx="400" cy="500" rx="190" ry="22" fill="#000" opacity="0.12"/>'

const products: Record<string, string> = {
  'ceramic-mug':
    '<rect x="290" y="200" width="200" height="260" rx="24" fill="#2f6fb3"/><path d="M490 250 q90 0 90 80 q0 80 -90 80" stroke="#2f6fb3" stroke-width="28" fill="none"/><rect x="290" y="200" width="200" height="30" rx="12" fill="#4d8fd6"/>',
  'cotton-tshirt':
    '<path d="M300 170 l-120 70 l50 90 l60 -30 v210 h220 v-210 l60 30 l50 -90 l-120 -70 q-100 60 -200 0z" fill="#e4572e"/>',
  'running-sneaker':
    '<path d="M190 430 q0 -90 90 -110 l120 -60 q40 60 110 60 l150 40 q40 20 40 70 z" fill="#f5f5f5" stroke="#333" stroke-width="6"/><rect x="180" y="430" width="520" height="36" rx="18" fill="#222"/><path d="M330 300 l40 40 M360 285 l40 40 M390 272 l40 40" stroke="#e63946" stroke-width="10"/>',
  'desk-lamp':
    '<rect x="320" y="460" width="160" height="24" rx="10" fill="#333"/><path d="M400 460 l-60 -160 l120 -90" stroke="#555" stroke-width="14" fill="none"/><path d="M440 180 l120 40 l-50 90 z" fill="#f2c14e"/>',
  'leather-backpack':
    '<rect x="270" y="170" width="260" height="320" rx="50" fill="#8b5a2b"/><rect x="310" y="320" width="180" height="120" rx="20" fill="#a0693a"/><path d="M330 170 q70 -90 140 0" stroke="#5e3b1a" stroke-width="18" fill="none"/>',
  'wrist-watch':
    '<rect x="360" y="110" width="80" height="380" rx="20" fill="#2d2d2d"/><circle cx="400" cy="300" r="110" fill="#c9a227"/><circle cx="400" cy="300" r="92" fill="#fdfdf8"/><path d="M400 300 v-60 M400 300 h45" stroke="#222" stroke-width="8" stroke-linecap="round"/>',
  sunglasses:
    '<rect x="190" y="260" width="180" height="120" rx="50" fill="#1d1d1d"/><rect x="430" y="260" width="180" height="120" rx="50" fill="#1d1d1d"/><path d="M370 300 q30 -25 60 0" stroke="#1d1d1d" stroke-width="14" fill="none"/>',
  'water-bottle':
    '<rect x="340" y="170" width="120" height="320" rx="40" fill="#3bb273"/><rect x="365" y="120" width="70" height="60" rx="12" fill="#1f7a4d"/><rect x="340" y="280" width="120" height="60" fill="#f4f4f4" opacity="0.8"/>',
  'wooden-chair':
    '<rect x="290" y="130" width="220" height="200" rx="12" fill="#b07d48"/><rect x="270" y="320" width="260" height="40" rx="8" fill="#9a6a38"/><path d="M290 360 v130 M510 360 v130 M320 360 v110 M480 360 v110" stroke="#7a5128" stroke-width="18"/>',
  'wireless-headphones':
    '<path d="M270 360 q0 -230 130 -230 q130 0 130 230" stroke="#444" stroke-width="26" fill="none"/><rect x="240" y="330" width="80" height="140" rx="30" fill="#6a4c93"/><rect x="480" y="330" width="80" height="140" rx="30" fill="#6a4c93"/>',
  'plant-pot':
    '<path d="M320 330 h160 l-20 160 h-120 z" fill="#c8553d"/><path d="M400 330 q-80 -120 -30 -200 M400 330 q60 -140 90 -180 M400 330 q-10 -100 0 -210" stroke="#2e7d32" stroke-width="16" fill="none"/>',
  'hardcover-notebook':
    '<rect x="280" y="150" width="240" height="320" rx="10" fill="#264653"/><rect x="500" y="150" width="20" height="320" fill="#1b323b"/><rect x="320" y="200" width="150" height="30" rx="6" fill="#e9c46a"/>'
}

async function main(): Promise<void> {
  for (const [name, drawing] of Object.entries(products)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fafafa"/><stop offset="1" stop-color="#e6e6e6"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#bg)"/>${shadow}${drawing}</svg>`
    await sharp(Buffer.from(svg))
      .jpeg({ quality: 82 })
      .toFile(join('resources', 'samples', `${name}.jpg`))
  }
  await writeFile(
    join('resources', 'samples', 'SOURCES.md'),
    '# Demo sample photos\n\nTwelve simple product illustrations drawn as SVG and rendered to JPEG by `scripts/make-samples.ts` in this repository (run it to regenerate them). Made for Photoscribe; free to use.\n'
  )
}

void main()
