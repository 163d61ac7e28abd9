import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { Card } from '@/components/common/Card/Card';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { PasswordChangeForm } from '@/components/settings/account/PasswordChangeForm';
import { PreferencesForm } from '@/components/settings/account/PreferencesForm';
import { ProfileForm } from '@/components/settings/account/ProfileForm';
import { SessionsList } from '@/components/settings/account/SessionsList';
import { TwoFactorSection } from '@/components/settings/account/TwoFactorSection';
import { SettingsGroupCard } from '@/components/settings/system/SettingsGroupCard';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

export default function GeneralSettingsPage() {
  useDocumentTitle('My account');
  const { user, canCall } = useAuth();
  const { hash } = useLocation();

  useEffect(() => {
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [hash]);

  if (!user) return null;
  return (
    <>
      <PageHeader title="My account" description="Your profile, preferences and sign-in security." />
      <div className="space-y-6">
        <Card id="profile" title="Profile">
          <ProfileForm user={user} />
        </Card>
        <Card id="preferences" title="Preferences" description="Saved to your account, so they follow you.">
          <PreferencesForm user={user} />
        </Card>
        <Card id="password" title="Password" description="Changing it signs out your other sessions.">
          {user.must_change_password && (
            <FormAlert tone="warning" className="mb-5">
              Your password was set by an administrator. Choose your own now.
            </FormAlert>
          )}
          <PasswordChangeForm />
        </Card>
        <Card id="two-factor" title="Two-factor authentication">
          <TwoFactorSection user={user} />
        </Card>
        <Card id="sessions" title="Active sessions" description="Devices signed in to your account.">
          <SessionsList />
        </Card>
        {canCall('GET /api/settings/') && (
          <SettingsGroupCard
            group="general"
            title="Company"
            description="System-wide: shown in the panel and in emails to customers."
          />
        )}
      </div>
    </>
  );
}
