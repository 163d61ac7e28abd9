import { useCallback, useEffect } from 'react';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { LogoUpload } from '@/components/settings/system/LogoUpload';
import { SettingsGroupCard } from '@/components/settings/system/SettingsGroupCard';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { usePublicSettings } from '@/services/settings';
import { applyBrandColour } from '@/utils/branding';

export default function BrandingSettingsPage() {
  useDocumentTitle('Branding');
  const saved = usePublicSettings().data?.values?.['branding.primary_color'];
  // The colour being picked is shown on the whole panel at once; leaving puts back the saved one.
  const preview = useCallback((values: Record<string, string | boolean>) => applyBrandColour(values.primary_color), []);
  useEffect(() => () => applyBrandColour(saved), [saved]);

  return (
    <>
      <PageHeader title="Branding" description="Your logo and colour, on the panel and its login page." />
      <div className="space-y-6">
        <SettingsGroupCard
          group="branding"
          title="Colour"
          description="Previewed on the panel as you pick it; saved for everyone with Save changes."
          labels={{ primary_color: 'Primary colour' }}
          onDraft={preview}
        />
        <LogoUpload />
      </div>
    </>
  );
}
