import { useState } from 'react';
import type { PublicUserDetail } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Card } from '@/components/common/Card/Card';
import { Fact, FactList } from '@/components/common/FactList/FactList';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { Stat, StatGrid } from '@/components/common/StatGrid/StatGrid';
import { StatusBadge, ValueBadge } from '@/components/common/StatusBadge/StatusBadge';
import { formatDate, formatDateTime, formatMoney, humanize } from '@/utils/format';
import { maskDocument, USER_TONES } from './userStatus';

const count = new Intl.NumberFormat();

function Verified({ at }: { at: string | null }) {
  return at ? (
    <StatusBadge tone="success">Verified {formatDate(at)}</StatusBadge>
  ) : (
    <StatusBadge tone="neutral">Not verified</StatusBadge>
  );
}

/** The KYC number stays masked until asked for, so it is not read over a shoulder. */
function DocumentNumber({ number }: { number: string }) {
  const [shown, setShown] = useState(false);
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span className="font-mono">{shown ? number : maskDocument(number)}</span>
      <ActionButton variant="ghost" size="sm" icon="eye" aria-pressed={shown} onClick={() => setShown((value) => !value)}>
        {shown ? 'Hide number' : 'Show number'}
      </ActionButton>
    </span>
  );
}

export function UserOverview({ user }: { user: PublicUserDetail }) {
  const address = [user.address, user.city, user.state, user.postal_code].filter(Boolean).join(', ');
  return (
    <div className="space-y-6">
      {user.erased_at && (
        <FormAlert tone="warning">
          Their personal data was erased on {formatDate(user.erased_at)}.
        </FormAlert>
      )}
      <StatGrid label="Figures">
        <Stat label="Orders" value={count.format(user.orders_count)} />
        <Stat label="Total spent" value={formatMoney(user.total_spent)} hint="Paid orders" />
        <Stat label="Open tickets" value={count.format(user.open_tickets_count)} />
        <Stat label="Joined" value={formatDate(user.created_at)} />
      </StatGrid>
      <Card id="user-profile" title="Profile">
        <FactList>
          <Fact label="Status">
            <span className="flex flex-wrap items-center gap-2">
              <ValueBadge value={user.status} tones={USER_TONES} />
              {user.status_reason && <span className="text-slate-600 dark:text-slate-300">{user.status_reason}</span>}
            </span>
          </Fact>
          <Fact label="Login">
            {user.account_id === null ? 'No login' : user.login_active ? 'Can sign in' : 'Cannot sign in'}
          </Fact>
          <Fact label="Email">
            <span className="flex flex-wrap items-center gap-2">
              {user.email} <Verified at={user.email_verified_at} />
            </span>
          </Fact>
          <Fact label="Phone">
            <span className="flex flex-wrap items-center gap-2">
              {user.phone} <Verified at={user.phone_verified_at} />
            </span>
          </Fact>
          <Fact label="Address" wide>
            {address || '—'}
          </Fact>
          <Fact label="Date of birth">{formatDate(user.date_of_birth)}</Fact>
          <Fact label="ID document">
            {user.id_document_type ? (
              <span className="space-y-1">
                <span className="block">{humanize(user.id_document_type)}</span>
                {user.id_document_number && <DocumentNumber number={user.id_document_number} />}
              </span>
            ) : (
              '—'
            )}
          </Fact>
          <Fact label="Last changed">{formatDateTime(user.updated_at)}</Fact>
        </FactList>
      </Card>
    </div>
  );
}
