import { useState } from 'react';
import {
  useRegistrationTrends,
  useRevenueDistribution,
  useSalesTrends,
  useTopResellers,
  type DateRange,
  type Dimension,
  type Granularity,
  type TopBy,
} from '@/services/dashboard';
import { formatDate, formatMoney } from '@/utils/format';
import { ChartCard, ChartSelect, FigureTable } from './ChartCard';
import { RankChart, ShareChart, TrendChart } from './charts/lazy';

const GRANULARITIES = [
  ['day', 'Day'],
  ['week', 'Week'],
  ['month', 'Month'],
] as const satisfies ReadonlyArray<readonly [Granularity, string]>;

const SALES_FIGURES = [
  ['revenue', 'Revenue'],
  ['orders', 'Orders'],
] as const;
type SalesFigure = (typeof SALES_FIGURES)[number][0];

const CHART_KINDS = [
  ['line', 'Line'],
  ['bar', 'Bar'],
] as const;

const RANKINGS = [
  ['revenue', 'Revenue'],
  ['orders', 'Orders'],
  ['clients', 'New clients'],
] as const satisfies ReadonlyArray<readonly [TopBy, string]>;

const DIMENSIONS = [
  ['provider', 'Provider'],
  ['plan', 'Plan'],
  ['source', 'Source'],
  ['payment_method', 'Payment method'],
] as const satisfies ReadonlyArray<readonly [Dimension, string]>;

const period = (day: string) => formatDate(`${day}T00:00:00`);
const rangeText = ({ date_from, date_to }: DateRange) => `${period(date_from)} to ${period(date_to)}`;

export function SalesTrendsCard({ range }: { range: DateRange }) {
  const [granularity, setGranularity] = useState<Granularity>('day');
  const [figure, setFigure] = useState<SalesFigure>('revenue');
  const [kind, setKind] = useState<'line' | 'bar'>('line');
  const result = useSalesTrends(range, granularity);
  const periods = result.data?.periods ?? [];
  const value = (figures: { orders: number; revenue: string }) => (figure === 'orders' ? figures.orders : Number(figures.revenue));
  const data = periods.map((p) => ({ period: period(p.period), app: value(p.app), reseller: value(p.reseller) }));
  const total = periods.reduce((sum, p) => sum + value(p), 0);
  return (
    <ChartCard
      id="sales-trends"
      title="Sales trends"
      description="App sales and reseller sales per period."
      result={result}
      empty={periods.every((p) => p.orders === 0 && Number(p.revenue) === 0)}
      emptyTitle="No sales in this period"
      summary={`${figure === 'orders' ? 'Orders' : 'Revenue'} from ${rangeText(range)}: ${figure === 'orders' ? total : formatMoney(total.toFixed(2))} in all.`}
      controls={
        <>
          <ChartSelect label="Show" value={figure} options={SALES_FIGURES} onChange={setFigure} />
          <ChartSelect label="Per" value={granularity} options={GRANULARITIES} onChange={setGranularity} />
          <ChartSelect label="Chart" value={kind} options={CHART_KINDS} onChange={setKind} />
        </>
      }
      chart={
        <TrendChart
          data={data}
          xKey="period"
          kind={kind}
          series={[
            { key: 'app', label: 'App' },
            { key: 'reseller', label: 'Resellers' },
          ]}
        />
      }
      table={
        <FigureTable
          caption="Sales per period"
          headers={[
            { label: 'Period' },
            { label: 'App orders', numeric: true },
            { label: 'App revenue', numeric: true },
            { label: 'Reseller orders', numeric: true },
            { label: 'Reseller revenue', numeric: true },
          ]}
          rows={periods.map((p) => ({
            key: p.period,
            cells: [period(p.period), p.app.orders, formatMoney(p.app.revenue), p.reseller.orders, formatMoney(p.reseller.revenue)],
          }))}
        />
      }
    />
  );
}

export function TopResellersCard({ range, enabled }: { range: DateRange; enabled: boolean }) {
  const [by, setBy] = useState<TopBy>('revenue');
  const result = useTopResellers(range, by, enabled);
  if (!enabled) return null;
  const items = result.data?.items ?? [];
  const valueOf = (item: (typeof items)[number]) =>
    by === 'revenue' ? Number(item.revenue) : by === 'orders' ? item.orders : item.new_clients;
  const byLabel = RANKINGS.find(([value]) => value === by)?.[1] ?? by;
  return (
    <ChartCard
      id="top-resellers"
      title="Top resellers"
      description="The ten best resellers of the period."
      result={result}
      empty={items.length === 0}
      emptyTitle="No reseller sales in this period"
      summary={`Resellers ranked by ${byLabel.toLowerCase()}, ${rangeText(range)}: ${items
        .slice(0, 3)
        .map((item) => item.business_name)
        .join(', ')} lead.`}
      controls={<ChartSelect label="Rank by" value={by} options={RANKINGS} onChange={setBy} />}
      chart={
        <RankChart
          data={items.map((item) => ({ name: item.business_name, value: valueOf(item) }))}
          labelKey="name"
          valueKey="value"
          valueLabel={byLabel}
        />
      }
      table={
        <FigureTable
          caption="Top resellers"
          headers={[{ label: 'Reseller' }, { label: 'Orders', numeric: true }, { label: 'Revenue', numeric: true }, { label: 'New clients', numeric: true }]}
          rows={items.map((item) => ({
            key: String(item.reseller_id),
            cells: [item.business_name, item.orders, formatMoney(item.revenue), item.new_clients],
          }))}
        />
      }
    />
  );
}

export function RevenueDistributionCard({ range, enabled }: { range: DateRange; enabled: boolean }) {
  const [by, setBy] = useState<Dimension>('provider');
  const result = useRevenueDistribution(range, by, enabled);
  if (!enabled) return null;
  const items = result.data?.items ?? [];
  return (
    <ChartCard
      id="revenue-distribution"
      title="Revenue distribution"
      description={result.data ? `${formatMoney(result.data.total_revenue)} in all.` : undefined}
      result={result}
      empty={items.length === 0 || Number(result.data?.total_revenue ?? 0) === 0}
      emptyTitle="No revenue in this period"
      summary={`Revenue by ${by.replace('_', ' ')}, ${rangeText(range)}: ${items
        .map((item) => `${item.label} ${item.share_percent}%`)
        .join(', ')}.`}
      controls={<ChartSelect label="By" value={by} options={DIMENSIONS} onChange={setBy} />}
      chart={<ShareChart data={items.map((item) => ({ name: item.label, value: Number(item.revenue) }))} labelKey="name" valueKey="value" />}
      table={
        <FigureTable
          caption="Revenue distribution"
          headers={[{ label: 'Share of' }, { label: 'Orders', numeric: true }, { label: 'Revenue', numeric: true }, { label: 'Share', numeric: true }]}
          rows={items.map((item) => ({
            key: item.key,
            cells: [item.label, item.orders, formatMoney(item.revenue), `${item.share_percent}%`],
          }))}
        />
      }
    />
  );
}

export function RegistrationTrendsCard({ range, enabled }: { range: DateRange; enabled: boolean }) {
  const [granularity, setGranularity] = useState<Granularity>('day');
  const result = useRegistrationTrends(range, granularity, enabled);
  if (!enabled) return null;
  const periods = result.data?.periods ?? [];
  const totals = periods.reduce(
    (sum, p) => ({ users: sum.users + p.users, resellers: sum.resellers + p.resellers, clients: sum.clients + p.clients }),
    { users: 0, resellers: 0, clients: 0 },
  );
  return (
    <ChartCard
      id="registration-trends"
      title="Registrations"
      description="New app users, resellers and reseller clients."
      result={result}
      empty={totals.users + totals.resellers + totals.clients === 0}
      emptyTitle="No registrations in this period"
      summary={`Registrations from ${rangeText(range)}: ${totals.users} app users, ${totals.resellers} resellers, ${totals.clients} reseller clients.`}
      controls={<ChartSelect label="Per" value={granularity} options={GRANULARITIES} onChange={setGranularity} />}
      chart={
        <TrendChart
          data={periods.map((p) => ({ period: period(p.period), users: p.users, resellers: p.resellers, clients: p.clients }))}
          xKey="period"
          kind="bar"
          series={[
            { key: 'users', label: 'App users' },
            { key: 'resellers', label: 'Resellers' },
            { key: 'clients', label: 'Reseller clients' },
          ]}
        />
      }
      table={
        <FigureTable
          caption="Registrations per period"
          headers={[{ label: 'Period' }, { label: 'App users', numeric: true }, { label: 'Resellers', numeric: true }, { label: 'Reseller clients', numeric: true }]}
          rows={periods.map((p) => ({ key: p.period, cells: [period(p.period), p.users, p.resellers, p.clients] }))}
        />
      }
    />
  );
}
