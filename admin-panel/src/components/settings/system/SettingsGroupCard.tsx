import type { ReactNode } from 'react';
import { Card } from '@/components/common/Card/Card';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { useAuth } from '@/hooks/useAuth';
import { useSettings } from '@/services/settings';
import type { EditableGroup } from './settingsSchemas';
import { SettingsGroupForm } from './SettingsGroupForm';

interface SettingsGroupCardProps {
  group: EditableGroup;
  title: string;
  description?: ReactNode;
  labels?: Record<string, string>;
  onDraft?: (values: Record<string, string | boolean>) => void;
}

/** A settings group in a card, with the settings' loading and error states. */
export function SettingsGroupCard({ group, title, description, labels, onDraft }: SettingsGroupCardProps) {
  const { canCall } = useAuth();
  const settings = useSettings();
  const readOnly = !canCall('PATCH /api/settings/{group}/');
  return (
    <Card id={group} title={title} description={description}>
      {settings.isPending ? (
        <LoadingSpinner label="Loading settings…" />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          {readOnly && (
            <p className="mb-4 text-sm text-slate-500 dark:text-slate-400">
              You can see these settings; changing them needs the settings:write permission.
            </p>
          )}
          <SettingsGroupForm
            group={group}
            settings={settings.data[group]}
            readOnly={readOnly}
            labels={labels}
            onDraft={onDraft}
          />
        </>
      )}
    </Card>
  );
}
