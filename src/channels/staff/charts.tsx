// Dashboard charts: a figure with the data as a table (works without scripts, read by screen readers) that the
// dashboard script draws with ECharts, served from this origin, at any width; the table stays for assistive technology.

export interface BarSpec {
  kind: 'bars';
  rows: { label: string; value: number }[];
  unit: string;
}

export interface StackedSpec {
  kind: 'stacked';
  /** Category labels along the x axis (days as MM-DD). */
  categories: string[];
  series: { name: string; values: number[] }[];
}

export type ChartSpec = BarSpec | StackedSpec;

/** A sentence naming the largest values, for the chart's accessible name. */
function describe(spec: ChartSpec): string {
  if (spec.kind === 'bars')
    return spec.rows
      .slice(0, 5)
      .map((r) => `${r.label}${r.value}${spec.unit}`)
      .join('，');
  const totals = spec.series.map((s) => `${s.name}${s.values.reduce((a, b) => a + b, 0)}`);
  return `${spec.categories[0] ?? ''}至${spec.categories.at(-1) ?? ''}，合计${totals.join('，')}`;
}

function DataTable(props: { spec: ChartSpec; title: string }) {
  const spec = props.spec;
  if (spec.kind === 'bars') {
    return (
      <table>
        <caption>{props.title}</caption>
        <tbody>
          {spec.rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td>
                {r.value}
                {spec.unit}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <table>
      <caption>{props.title}</caption>
      <thead>
        <tr>
          <th scope="col">日期</th>
          {spec.series.map((s) => (
            <th scope="col">{s.name}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {spec.categories.map((day, i) => (
          <tr>
            <th scope="row">{day}</th>
            {spec.series.map((s) => (
              <td>{s.values[i] ?? 0}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Chart(props: { title: string; spec: ChartSpec }) {
  const empty = props.spec.kind === 'bars' ? !props.spec.rows.length : !props.spec.categories.length;
  return (
    <figure class="card chart-card">
      <figcaption>
        <b>{props.title}</b>
      </figcaption>
      {empty ? (
        <p class="muted">暂无数据</p>
      ) : (
        <>
          <div class="chart" data-chart={JSON.stringify(props.spec)} role="img" aria-label={`${props.title}：${describe(props.spec)}`}></div>
          <div class="chart-data">
            <DataTable spec={props.spec} title={props.title} />
          </div>
        </>
      )}
    </figure>
  );
}

export function BarChart(props: { title: string; rows: { label: string; value: number }[]; unit?: string }) {
  return <Chart title={props.title} spec={{ kind: 'bars', rows: props.rows, unit: props.unit ?? '件' }} />;
}

/** Columns per day over `dayKeys` (every day of the range, so quiet days show as gaps, not as a shorter axis). */
export function StackedColumns(props: {
  title: string;
  days: { day: string; counts: Record<string, number> }[];
  dayKeys: string[];
  series: { key: string; label: string }[];
}) {
  const byDay = new Map(props.days.map((d) => [d.day, d.counts]));
  const keys = props.days.length ? [...new Set([...props.dayKeys, ...byDay.keys()])].sort() : [];
  // Only the statuses that occur: a legend of eight empty series says nothing.
  const series = props.series
    .map((s) => ({ name: s.label, values: keys.map((k) => byDay.get(k)?.[s.key] ?? 0) }))
    .filter((s) => s.values.some((v) => v > 0));
  return <Chart title={props.title} spec={{ kind: 'stacked', categories: keys.map((k) => k.slice(5)), series }} />;
}
