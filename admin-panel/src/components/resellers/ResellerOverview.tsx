import type { ResellerDetail } from '@/api/types';
import { Card } from '@/components/common/Card/Card';
import { Fact, FactList } from '@/components/common/FactList/FactList';
import { Stat, StatGrid } from '@/components/common/StatGrid/StatGrid';
import { ValueBadge } from '@/components/common/StatusBadge/StatusBadge';
import { formatDateTime, formatMoney } from '@/utils/format';
import { CreditLimitFlag } from './CreditLimitFlag';
import { RESELLER_TONES } from './resellerStatus';

const count = new Intl.NumberFormat();

/** A reseller's numbers and profile, as the details page opens with them. */
export function ResellerOverview({ reseller }: { reseller: ResellerDetail }) {
  const money = (amount: string) => formatMoney(amount, reseller.currency);
  const address = [reseller.address, reseller.city, reseller.state, reseller.country].filter(Boolean).join(', ');
  return (
    <div className="space-y-6">
      <StatGrid label="Figures">
        <Stat label="Revenue" value={money(reseller.revenue_total)} hint="Captured, less refunds" />
        <Stat label="Orders" value={count.format(reseller.orders_count)} hint={`${count.format(reseller.open_orders_count)} open`} />
        <Stat label="Clients" value={count.format(reseller.clients_count)} />
        <Stat label="Commission" value={`${reseller.commission_rate}%`} />
        <Stat label="Credit limit" value={money(reseller.credit_limit)} />
        <Stat label="Balance owed" value={money(reseller.current_balance)} />
        <Stat
          label="Credit available"
          value={money(reseller.available_credit)}
          hint={reseller.credit_limit_reached_at ? `Limit reached ${formatDateTime(reseller.credit_limit_reached_at)}` : undefined}
        />
      </StatGrid>
      <Card id="reseller-profile" title="Profile">
        <FactList>
          <Fact label="Status">
            <span className="flex flex-wrap items-center gap-2">
              <ValueBadge value={reseller.status} tones={RESELLER_TONES} />
              <CreditLimitFlag reseller={reseller} />
              {reseller.status_reason && (
                <span className="text-slate-600 dark:text-slate-300">{reseller.status_reason}</span>
              )}
            </span>
          </Fact>
          <Fact label="Contact person">{reseller.contact_person}</Fact>
          <Fact label="Email">
            <a href={`mailto:${reseller.email}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
              {reseller.email}
            </a>
          </Fact>
          <Fact label="Phone">{reseller.phone}</Fact>
          <Fact label="Address" wide>
            {address}
          </Fact>
          <Fact label="Currency">{reseller.currency}</Fact>
          <Fact label="Added">{formatDateTime(reseller.created_at)}</Fact>
          <Fact label="Last changed">{formatDateTime(reseller.updated_at)}</Fact>
        </FactList>
      </Card>
    </div>
  );
}
