/** One bar: its label under the axis and its value (an integer, e.g. paise). */
export type Bar = { readonly label: string; readonly value: number; readonly title: string };

/**
 * A plain SVG bar chart. Screen readers get the chart's label and each bar's title (the same
 * figures are in the table next to it); bars below zero (returns) are drawn down from the axis.
 */
export function BarChart({
  bars,
  label,
  heightPx = 180,
}: {
  bars: readonly Bar[];
  label: string;
  heightPx?: number;
}) {
  const width = Math.max(bars.length * 28, 280);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const min = Math.min(0, ...bars.map((b) => b.value));
  const plot = heightPx - 4;
  const scale = plot / (max - min);
  const axis = max * scale;
  const step = width / Math.max(bars.length, 1);
  return (
    <div className="bar-chart-frame">
      <svg
        className="bar-chart"
        role="img"
        aria-label={label}
        viewBox={`0 0 ${width} ${heightPx}`}
        preserveAspectRatio="none"
        style={{ width: '100%', height: heightPx }}
      >
        <line x1={0} x2={width} y1={axis} y2={axis} className="axis" />
        {bars.map((bar, index) => {
          const h = Math.abs(bar.value) * scale;
          const y = bar.value >= 0 ? axis - h : axis;
          return (
            <g key={`${bar.label}-${index}`}>
              <rect
                x={index * step + step * 0.15}
                y={y}
                width={step * 0.7}
                height={Math.max(h, bar.value === 0 ? 0 : 1)}
                className={bar.value < 0 ? 'bar negative' : 'bar'}
              >
                <title>{bar.title}</title>
              </rect>
            </g>
          );
        })}
      </svg>
      {/* Labels in HTML: the drawing stretches to the width, text must not. */}
      <div
        className="bar-ticks"
        aria-hidden="true"
        style={{ gridTemplateColumns: `repeat(${Math.max(bars.length, 1)}, 1fr)` }}
      >
        {bars.map((bar, index) => (
          <span key={`${bar.label}-${index}`} title={bar.title} data-testid="bar-label">
            {bar.label}
          </span>
        ))}
      </div>
    </div>
  );
}
