/**
 * Every Recharts chart of the panel, in one module that is only ever imported lazily
 * (ChartCard): Recharts is the biggest dependency, and the first route must not wait for it.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export interface Series {
  key: string;
  label: string;
}

export type Row = Record<string, string | number>;

// Tailwind's indigo, emerald, amber, rose, sky, violet, lime, slate: told apart in both themes.
const COLORS = ['#6366f1', '#10b981', '#f59e0b', '#f43f5e', '#0ea5e9', '#8b5cf6', '#84cc16', '#64748b'];
const AXIS = { fontSize: 12, fill: 'currentColor' };
const HEIGHT = 280;

function colorOf(index: number): string {
  return COLORS[index % COLORS.length] ?? '#6366f1';
}

interface TrendChartProps {
  data: Row[];
  xKey: string;
  series: Series[];
  kind: 'line' | 'bar';
}

/** Periods along the x axis, one line (or bar) per series. */
export function TrendChart({ data, xKey, series, kind }: TrendChartProps) {
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" strokeOpacity={0.3} />,
    <XAxis key="x" dataKey={xKey} tick={AXIS} minTickGap={16} />,
    <YAxis key="y" tick={AXIS} width={56} />,
    <Tooltip key="tip" />,
    <Legend key="legend" />,
  ];
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      {kind === 'line' ? (
        <LineChart data={data}>
          {axes}
          {series.map((s, index) => (
            <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={colorOf(index)} dot={false} strokeWidth={2} />
          ))}
        </LineChart>
      ) : (
        <BarChart data={data}>
          {axes}
          {series.map((s, index) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={colorOf(index)} stackId="periods" />
          ))}
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}

interface RankChartProps {
  data: Row[];
  labelKey: string;
  valueKey: string;
  valueLabel: string;
}

/** Horizontal bars, best first: names stay readable on a phone. */
export function RankChart({ data, labelKey, valueKey, valueLabel }: RankChartProps) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, data.length * 32 + 40)}>
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} horizontal={false} />
        <XAxis type="number" tick={AXIS} />
        <YAxis type="category" dataKey={labelKey} tick={AXIS} width={120} />
        <Tooltip />
        <Bar dataKey={valueKey} name={valueLabel} fill={colorOf(0)} />
      </BarChart>
    </ResponsiveContainer>
  );
}

interface ShareChartProps {
  data: Row[];
  labelKey: string;
  valueKey: string;
}

export function ShareChart({ data, labelKey, valueKey }: ShareChartProps) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <PieChart>
        <Pie data={data} dataKey={valueKey} nameKey={labelKey} innerRadius="45%" outerRadius="80%" paddingAngle={1}>
          {data.map((row, index) => (
            <Cell key={String(row[labelKey])} fill={colorOf(index)} />
          ))}
        </Pie>
        <Tooltip />
        <Legend />
      </PieChart>
    </ResponsiveContainer>
  );
}
