import { Link } from 'react-router';
import type { ClientRead } from '@/api/types';
import { Fact, FactList } from '@/components/common/FactList/FactList';
import { ValueBadge } from '@/components/common/StatusBadge/StatusBadge';
import { useAuth } from '@/hooks/useAuth';
import { useActivePlans, useReseller } from '@/services/resellers';
import { formatDateTime } from '@/utils/format';
import { CLIENT_TONES } from './clientStatus';

const number = new Intl.NumberFormat();
const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300';

/** This month's orders against the limit (0 is no limit), as a bar when there is one. */
function Usage({ used, limit }: { used: number; limit: number }) {
  if (limit === 0) return <span className="tabular-nums">{number.format(used)} (no limit)</span>;
  const share = Math.min(100, Math.round((used / limit) * 100));
  return (
    <div className="max-w-xs">
      <span className="tabular-nums">
        {number.format(used)} of {number.format(limit)}
      </span>
      <div
        role="meter"
        aria-label="Orders this month"
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={used}
        className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div
          className={used >= limit ? 'h-full bg-red-500' : 'h-full bg-indigo-500'}
          style={{ width: `${share}%` }}
        />
      </div>
    </div>
  );
}

/** A client's details; its reseller and plan named when the signed-in user may read them. */
export function ClientFacts({ client }: { client: ClientRead }) {
  const { canCall } = useAuth();
  const reseller = useReseller(client.reseller_id, canCall('GET /api/resellers/{reseller_id}/'));
  const plans = useActivePlans(canCall('GET /api/catalog/plans/'));
  const plan = client.plan_id === null ? null : plans.data?.items.find((item) => item.id === client.plan_id);

  return (
    <FactList>
      <Fact label="Reseller">
        <Link to={`/resellers/${client.reseller_id}`} className={linkClass}>
          {reseller.data?.business_name ?? `Reseller #${client.reseller_id}`}
        </Link>
      </Fact>
      <Fact label="Status">
        <ValueBadge value={client.status} tones={CLIENT_TONES} />
      </Fact>
      <Fact label="Plan">{client.plan_id === null ? 'No plan' : (plan?.name ?? `Plan #${client.plan_id}`)}</Fact>
      <Fact label="Monthly limit">{client.monthly_limit === 0 ? 'No limit' : `${number.format(client.monthly_limit)} orders`}</Fact>
      <Fact label="Orders this month">
        <Usage used={client.current_usage} limit={client.monthly_limit} />
      </Fact>
      <Fact label="Phone">{client.client_phone || '—'}</Fact>
      <Fact label="Email">{client.client_email}</Fact>
      <Fact label="Added">{formatDateTime(client.created_at)}</Fact>
    </FactList>
  );
}
