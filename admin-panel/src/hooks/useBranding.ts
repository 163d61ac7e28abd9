import { useEffect } from 'react';
import { usePublicSettings } from '@/services/settings';
import { applyBrandColour } from '@/utils/branding';

/** Keeps the panel in the brand's colour, read from the public settings (no login needed). */
export function useBranding(): void {
  const publicSettings = usePublicSettings();
  const colour = publicSettings.data?.values?.['branding.primary_color'];
  useEffect(() => applyBrandColour(colour), [colour]);
}
