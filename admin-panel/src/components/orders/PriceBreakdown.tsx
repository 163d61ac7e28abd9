import type { OrderRead } from '@/api/types';
import { formatMoney } from '@/utils/format';

/** The server computes every line from the plan and the pricing settings; shown as it was charged. */
export function PriceBreakdown({ order }: { order: OrderRead }) {
  const lines = [
    ['Plan', order.plan_price],
    ['Delivery fee', order.delivery_fee],
    ['Service charge', order.service_charge],
    ['Tax', order.tax_amount],
  ] as const;
  return (
    <dl className="space-y-2 text-sm">
      {lines.map(([label, amount]) => (
        <div key={label} className="flex justify-between gap-4 text-slate-600 dark:text-slate-300">
          <dt>{label}</dt>
          <dd className="tabular-nums">{formatMoney(amount, order.currency)}</dd>
        </div>
      ))}
      <div className="flex justify-between gap-4 border-t border-slate-200 pt-2 font-semibold text-slate-900 dark:border-slate-800 dark:text-white">
        <dt>Total</dt>
        <dd className="tabular-nums">{formatMoney(order.total_amount, order.currency)}</dd>
      </div>
    </dl>
  );
}
