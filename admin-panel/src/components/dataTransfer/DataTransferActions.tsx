import { useState } from 'react';
import type { Operation } from '@/api/permissions.gen';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { useAuth } from '@/hooks/useAuth';
import type { ExportResource, ImportResource } from '@/services/dataTransfer';
import { ExportMenu } from './ExportMenu';
import { ImportDialog } from './ImportDialog';

const IMPORTABLE = new Set<ExportResource>(['resellers', 'clients', 'users', 'plans']);

interface DataTransferActionsProps {
  resource: ExportResource;
  /** The list's query; its filters are what an export holds. */
  query: Record<string, string | number>;
  /** Plural, lower case. */
  noun: string;
  /** The filters are ones the API would refuse: nothing to export. */
  disabled?: boolean;
}

/** A list page's Import and Export buttons, each shown to those allowed to use it. */
export function DataTransferActions({ resource, query, noun, disabled }: DataTransferActionsProps) {
  const { canCall } = useAuth();
  const [importing, setImporting] = useState(false);
  const canImport = IMPORTABLE.has(resource) && canCall('POST /api/import/{resource}/');
  const canExport = canCall(`GET /api/export/${resource}/` as Operation);
  return (
    <>
      {canImport && (
        <ActionButton variant="secondary" icon="plus" onClick={() => setImporting(true)}>
          Import
        </ActionButton>
      )}
      {canExport && !disabled && <ExportMenu resource={resource} query={query} noun={noun} />}
      {importing && <ImportDialog resource={resource as ImportResource} noun={noun} onClose={() => setImporting(false)} />}
    </>
  );
}
