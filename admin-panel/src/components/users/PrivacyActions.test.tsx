import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { PublicUserDetail } from '@/api/types';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import UserDetailsPage from '@/pages/UserDetailsPage';

const USER: PublicUserDetail = {
  id: 5, account_id: 9, full_name: 'Lin Buyer', email: 'lin@example.com', phone: '+351911111111', address: '', city: 'Lisbon',
  state: '', postal_code: '', country: 'PT', date_of_birth: null, email_verified_at: null, phone_verified_at: null,
  erased_at: null, id_document_number: '', id_document_type: '', login_active: true, open_tickets_count: 0, orders_count: 1,
  status: 'active', status_reason: '', total_spent: '20.00', created_at: '2026-01-02T10:00:00Z', updated_at: '2026-01-02T10:00:00Z',
} as PublicUserDetail;

function renderUser(handler: (url: string, init: RequestInit) => Response, permissions: string[], user = USER) {
  tokens.save('access', 'refresh', false);
  const fetch = mockFetch(withProfile((url, init) => (url === '/api/users/5/' ? json(200, user) : handler(url, init)), permissions));
  renderWithProviders(
    <Routes>
      <Route path="/users/:id" element={<UserDetailsPage />} />
    </Routes>,
    { path: '/users/5' },
  );
  return { fetch, user: userEvent.setup() };
}

describe('Privacy on user details', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('downloads the person’s data as a JSON file', async () => {
    const saved: Blob[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn((blob: Blob) => (saved.push(blob), 'blob:x')), revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('user-5-personal-data.json');
    });
    const { user } = renderUser(() => json(200, { profile: { full_name: 'Lin Buyer' }, orders: [] }), ['users:read', 'users:export_data']);
    await user.click(await screen.findByRole('button', { name: 'Download data' }));
    await vi.waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(saved[0]!);
    });
    expect(saved[0]!.type).toBe('application/json');
    expect(JSON.parse(text)).toEqual({ profile: { full_name: 'Lin Buyer' }, orders: [] });
    click.mockRestore();
  });

  it('erases only with a reason, and explains the refusal while orders are in flight', async () => {
    const { fetch, user } = renderUser(
      () => envelope(409, 'orders_in_flight', 'The person has 1 order(s) still in flight; erase them once those are delivered or cancelled.'),
      ['users:read', 'users:export_data'],
    );
    await user.click(await screen.findByRole('button', { name: 'Erase' }));
    const dialog = screen.getByRole('dialog', { name: "Erase this person's data?" });
    await user.click(within(dialog).getByRole('button', { name: 'Erase for good' }));
    expect(within(dialog).getByText('Say why in at least 3 characters.')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/Reason/), 'GDPR request #42');
    await user.click(within(dialog).getByRole('button', { name: 'Erase for good' }));
    expect(await within(dialog).findByText(/The person has 1 order\(s\) still in flight/)).toBeInTheDocument();
    const call = fetch.mock.calls.find(([url]) => url === '/api/users/5/erase/');
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({ reason: 'GDPR request #42' });
  });

  it('offers neither without the permission', async () => {
    renderUser(() => json(200, {}), ['users:read']);
    await screen.findByRole('heading', { level: 1, name: 'Lin Buyer' });
    expect(screen.queryByRole('button', { name: 'Download data' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Erase' })).not.toBeInTheDocument();
  });

  it('offers no erasure of a person already erased', async () => {
    renderUser(() => json(200, {}), ['users:read', 'users:export_data'], { ...USER, erased_at: '2026-02-01T10:00:00Z' });
    expect(await screen.findByRole('button', { name: 'Download data' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Erase' })).not.toBeInTheDocument();
  });
});
