import { useId, useRef, useState } from 'react';
import { describeError } from '@/api/errors';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Card } from '@/components/common/Card/Card';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { useAuth } from '@/hooks/useAuth';
import { useNotify } from '@/hooks/useNotify';
import { usePublicSettings, useUploadLogo } from '@/services/settings';
import { inputClass } from '@/utils/styles';

/** What POST /api/settings/branding/logo/ takes (it reads the type from the content too). */
const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

export function LogoUpload() {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const { canCall } = useAuth();
  const { notify } = useNotify();
  const logoUrl = usePublicSettings().data?.logo_url ?? null;
  const upload = useUploadLogo();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const canUpload = canCall('POST /api/settings/branding/logo/');

  function choose(chosen: File | null) {
    setProblem(chosen && !ACCEPTED.includes(chosen.type) ? 'Choose a PNG, JPEG, WEBP or GIF image.' : null);
    setFile(chosen);
  }

  async function send(event: React.FormEvent) {
    event.preventDefault();
    if (!file) {
      setProblem('Choose an image first.');
      return;
    }
    if (problem) return;
    try {
      await upload.mutateAsync(file);
      notify('success', 'Logo uploaded.');
      setFile(null);
      if (input.current) input.current.value = '';
    } catch (error) {
      setProblem(describeError(error));
    }
  }

  return (
    <Card id="logo" title="Logo" description="Shown in the sidebar and on the login page; square images look best.">
      <div className="flex flex-col gap-6 sm:flex-row sm:items-start">
        <div className="flex size-24 shrink-0 items-center justify-center rounded-xl border border-dashed border-slate-300 bg-slate-50 dark:border-slate-700 dark:bg-slate-950">
          {logoUrl ? (
            <img src={logoUrl} alt="Current logo" className="max-h-20 max-w-20 object-contain" />
          ) : (
            <span className="text-xs text-slate-500 dark:text-slate-400">No logo</span>
          )}
        </div>
        {canUpload && (
          <form onSubmit={(event) => void send(event)} noValidate className="min-w-0 flex-1 space-y-3">
            {problem && <FormAlert>{problem}</FormAlert>}
            <FormField id={`${id}-file`} label="New logo" hint="PNG, JPEG, WEBP or GIF. It replaces the current one.">
              <input
                ref={input}
                type="file"
                accept={ACCEPTED.join(',')}
                onChange={(event) => choose(event.target.files?.[0] ?? null)}
                className={inputClass}
              />
            </FormField>
            <ActionButton type="submit" icon="plus" loading={upload.isPending}>
              Upload logo
            </ActionButton>
          </form>
        )}
      </div>
    </Card>
  );
}
