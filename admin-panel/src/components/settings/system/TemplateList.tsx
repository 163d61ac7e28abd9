import { useState } from 'react';
import type { TemplateRead } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Card } from '@/components/common/Card/Card';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { StatusBadge } from '@/components/common/StatusBadge/StatusBadge';
import { useAuth } from '@/hooks/useAuth';
import { useTemplates } from '@/services/settings';
import { humanize } from '@/utils/format';
import { TemplateEditor } from './TemplateEditor';

const CHANNELS = [
  ['email', 'Email'],
  ['sms', 'SMS'],
] as const;

/** The message templates by channel and event, each opened in the editor. */
export function TemplateList() {
  const { canCall } = useAuth();
  const templates = useTemplates();
  const [editing, setEditing] = useState<{ channel: string; name: string } | null>(null);
  const readOnly = !canCall('PUT /api/settings/notification-templates/{channel}/{name}/');

  if (templates.isPending) return <LoadingSpinner label="Loading templates…" />;
  if (templates.isError) return <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  // Looked up by key, so the editor shows the text as saved after a save or reset.
  const open = editing && templates.data.find((t) => t.channel === editing.channel && t.name === editing.name);

  return (
    <div className="space-y-6">
      {CHANNELS.map(([channel, title]) => {
        const items = templates.data.filter((template) => template.channel === channel);
        return (
          <Card key={channel} id={`templates-${channel}`} title={`${title} templates`}>
            {items.length === 0 ? (
              <p className="text-sm text-slate-500 dark:text-slate-400">No {title.toLowerCase()} templates.</p>
            ) : (
              <ul aria-label={`${title} templates`} className="divide-y divide-slate-100 dark:divide-slate-800">
                {items.map((template: TemplateRead) => (
                  <li key={template.name} className="flex items-center justify-between gap-3 py-3 first:pt-0 last:pb-0">
                    <div className="min-w-0 flex-1">
                      <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900 dark:text-white">
                        {humanize(template.name)}
                        {template.overridden && <StatusBadge tone="info">Customised</StatusBadge>}
                      </p>
                      <p className="truncate text-xs text-slate-500 dark:text-slate-400">
                        {channel === 'email' ? template.subject : template.body}
                      </p>
                    </div>
                    <ActionButton
                      size="sm"
                      variant="secondary"
                      icon={readOnly ? 'eye' : 'edit'}
                      aria-label={`${readOnly ? 'View' : 'Edit'} ${humanize(template.name)} (${title})`}
                      onClick={() => setEditing({ channel, name: template.name })}
                    >
                      {readOnly ? 'View' : 'Edit'}
                    </ActionButton>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        );
      })}
      {open && <TemplateEditor template={open} readOnly={readOnly} onClose={() => setEditing(null)} />}
    </div>
  );
}
