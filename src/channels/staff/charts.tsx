// Server-rendered inline SVG charts (horizontal bars, stacked columns over time): no chart library, readable on a phone.

const PALETTE = ['#c2410c', '#0969da', '#1a7f37', '#8250df', '#9a6700', '#cf222e', '#57606a', '#bf3989'];

export function BarChart(props: { title: string; rows: { label: string; value: number }[]; unit?: string }) {
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  const rowH = 22;
  const labelW = 120;
  const width = 520;
  const height = Math.max(1, props.rows.length) * rowH + 8;
  return (
    <figure class="card" style="margin:0 0 1rem">
      <figcaption>
        <b>{props.title}</b>
      </figcaption>
      {props.rows.length ? (
        <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={props.title}>
          {props.rows.map((r, i) => {
            const w = ((width - labelW - 50) * r.value) / max;
            const y = i * rowH + 4;
            return (
              <g>
                <text x={labelW - 6} y={y + 14} text-anchor="end">
                  {r.label}
                </text>
                <rect x={labelW} y={y + 2} width={Math.max(1, w)} height={rowH - 6} fill={PALETTE[i % PALETTE.length]} rx="2" />
                <text x={labelW + w + 4} y={y + 14}>
                  {r.value}
                  {props.unit ?? ''}
                </text>
              </g>
            );
          })}
        </svg>
      ) : (
        <p class="muted">暂无数据</p>
      )}
    </figure>
  );
}

export function StackedColumns(props: { title: string; days: { day: string; counts: Record<string, number> }[]; series: { key: string; label: string }[] }) {
  const width = 640;
  const height = 200;
  const bottom = 24;
  const totals = props.days.map((d) => props.series.reduce((s, k) => s + (d.counts[k.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  // A few days must not turn into slabs: columns are at most 36 units wide.
  const colW = props.days.length ? Math.min(36, (width - 30) / props.days.length) : 0;
  return (
    <figure class="card" style="margin:0 0 1rem">
      <figcaption>
        <b>{props.title}</b>{' '}
        {props.series.map((s, i) => (
          <span style={`color:${PALETTE[i % PALETTE.length]};margin-left:.5rem`}>■ {s.label}</span>
        ))}
      </figcaption>
      {props.days.length ? (
        <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={props.title}>
          <text x="0" y="10">
            {max}
          </text>
          {props.days.map((d, i) => {
            let y = height - bottom;
            return (
              <g>
                {props.series.map((s, k) => {
                  const h = ((height - bottom - 14) * (d.counts[s.key] ?? 0)) / max;
                  y -= h;
                  return h > 0 ? <rect x={30 + i * colW + 1} y={y} width={Math.max(1, colW - 2)} height={h} fill={PALETTE[k % PALETTE.length]} /> : null;
                })}
                {i % Math.ceil(props.days.length / 8) === 0 ? (
                  <text x={30 + i * colW} y={height - 6}>
                    {d.day.slice(5)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      ) : (
        <p class="muted">暂无数据</p>
      )}
    </figure>
  );
}
