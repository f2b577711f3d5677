const WIDTH = 700;
const HEIGHT = 180;
const LABEL_SPACE = 24;

/** Views per day as a small bar chart drawn on the server (no script), with the figures as a table for screen readers. */
export function ViewsChart({ days, timeZone }: { days: readonly { day: number; views: number }[]; timeZone: string }) {
  const max = Math.max(1, ...days.map((d) => d.views));
  const slot = WIDTH / Math.max(1, days.length);
  const label = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', timeZone: 'UTC' });
  const total = days.reduce((sum, d) => sum + d.views, 0);
  return (
    <figure className="views-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + LABEL_SPACE}`} aria-hidden="true" focusable="false">
        {days.map((d, i) => {
          const height = Math.round((d.views / max) * (HEIGHT - 20));
          const x = i * slot + slot * 0.15;
          return (
            <g key={d.day}>
              <rect x={x} y={HEIGHT - height} width={slot * 0.7} height={height} className="views-chart__bar" />
              <text x={x + slot * 0.35} y={HEIGHT - height - 4} textAnchor="middle" className="views-chart__value">
                {d.views.toLocaleString('en-GB')}
              </text>
              <text x={x + slot * 0.35} y={HEIGHT + 16} textAnchor="middle" className="views-chart__label">
                {label.format(d.day)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {total.toLocaleString('en-GB')} views in the last {days.length} days (days in UTC; {timeZone} for everything else).
      </figcaption>
      <table className="visually-hidden">
        <caption>Views per day</caption>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{label.format(d.day)}</th>
              <td>{d.views}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
