import { useEffect, useMemo, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { useTranslation } from 'react-i18next'
import { useWorkspaceState } from '../../context'
import { useFormat } from '../../words/format'
import { chartSeries, chartSummary } from './chart-data'

const HEIGHT = 140

/**
 * Requests/min and tokens/min over the last 5 minutes against the limits (dashed), 429s as red
 * marks: uPlot, updated with `setData` (no React render per point).
 */
export function LimitsChart(): React.JSX.Element {
  const { t } = useTranslation()
  const { count } = useFormat()
  const history = useWorkspaceState((s) => s.history)
  const series = useMemo(() => chartSeries(history), [history])
  const box = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const marks = useRef<number[]>([])
  marks.current = series.rateLimited
  useEffect(() => {
    const element = box.current
    if (!element || typeof element.getBoundingClientRect !== 'function' || !canDraw()) return
    plot.current = new uPlot(
      chartOptions(element.clientWidth || 260, marks),
      [[], [], [], [], []],
      element
    )
    const resize = new ResizeObserver(() =>
      plot.current?.setSize({ width: element.clientWidth, height: HEIGHT })
    )
    resize.observe(element)
    return () => {
      resize.disconnect()
      plot.current?.destroy()
      plot.current = null
    }
  }, [])
  useEffect(() => {
    plot.current?.setData([
      series.x,
      series.requestsPerMin,
      series.rpm,
      series.tokensPerMin,
      series.tpm
    ])
  }, [series])
  return (
    <figure className="chart">
      <div
        ref={box}
        className="chart-canvas"
        aria-hidden="true"
        style={{ visibility: series.x.length > 1 ? 'visible' : 'hidden' }}
      />
      <figcaption className="muted small" data-testid="chart-summary">
        {chartSummary(series, t, count)}
      </figcaption>
    </figure>
  )
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact' })
const compactTicks = (_u: uPlot, values: number[]): string[] => values.map((v) => compact.format(v))

/** jsdom has no canvas: the chart draws only where a 2D context exists. */
function canDraw(): boolean {
  try {
    return Boolean(document.createElement('canvas').getContext('2d'))
  } catch {
    return false
  }
}

function chartOptions(width: number, marks: { current: number[] }): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: true, range: (_u, _min, max) => [max - 300, max] },
      rpm: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
      tpm: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] }
    },
    axes: [
      { stroke: '#8a93a6', size: 24, font: '10px system-ui' },
      { scale: 'rpm', stroke: '#3b5bdb', size: 36, font: '10px system-ui', values: compactTicks },
      {
        scale: 'tpm',
        side: 1,
        stroke: '#0c8599',
        size: 40,
        font: '10px system-ui',
        grid: { show: false },
        values: compactTicks
      }
    ],
    series: [
      {},
      { label: 'requests/min', scale: 'rpm', stroke: '#3b5bdb', width: 2, points: { show: false } },
      {
        label: 'RPM limit',
        scale: 'rpm',
        stroke: '#3b5bdb',
        dash: [4, 4],
        width: 1,
        points: { show: false }
      },
      { label: 'tokens/min', scale: 'tpm', stroke: '#0c8599', width: 2, points: { show: false } },
      {
        label: 'TPM limit',
        scale: 'tpm',
        stroke: '#0c8599',
        dash: [4, 4],
        width: 1,
        points: { show: false }
      }
    ],
    hooks: {
      draw: [
        (u) => {
          const ctx = u.ctx
          ctx.save()
          ctx.fillStyle = '#e03131'
          const xs = u.data[0]
          marks.current.forEach((hits, i) => {
            if (!hits || xs[i] === undefined) return
            const x = u.valToPos(xs[i], 'x', true)
            ctx.fillRect(x - 1, u.bbox.top, 2, u.bbox.height)
          })
          ctx.restore()
        }
      ]
    }
  }
}
