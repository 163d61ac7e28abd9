import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { OrderStatus } from '@/api/types';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import { StatusUpdateForm } from './StatusUpdateForm';

const PATH = '/api/orders/7/status/';

function order(status: OrderStatus, next_statuses: OrderStatus[]) {
  return { id: 7, order_number: 'ORD-2026-000007', status, next_statuses };
}

/** The form's own calls (the auth provider fetches the profile too). */
function statusCalls(fetch: ReturnType<typeof mockFetch>) {
  return fetch.mock.calls.filter(([url]) => String(url) === PATH);
}

describe('StatusUpdateForm', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('offers only the next statuses the API lists', () => {
    renderWithProviders(<StatusUpdateForm order={order('pending', ['confirmed', 'cancelled'])} onAccepted={vi.fn()} />);
    const choices = screen.getAllByRole('radio').map((radio) => radio.getAttribute('value'));
    expect(choices).toEqual(['confirmed', 'cancelled']);
    expect(screen.queryByRole('radio', { name: 'Delivered' })).not.toBeInTheDocument();
  });

  it('says so when the order cannot change any more', () => {
    renderWithProviders(<StatusUpdateForm order={order('activated', [])} onAccepted={vi.fn()} />);
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    expect(screen.getByText(/cannot change any further/)).toBeInTheDocument();
  });

  it('asks for a status, and for a reason before cancelling, without calling the API', async () => {
    const fetch = mockFetch(withProfile(() => json(200, {})));
    const user = userEvent.setup();
    renderWithProviders(<StatusUpdateForm order={order('pending', ['confirmed', 'cancelled'])} onAccepted={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Update status' }));
    expect(await screen.findByText('Choose the new status.')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Cancelled' }));
    await user.click(screen.getByRole('button', { name: 'Cancel order' }));
    expect(await screen.findByText('Say why the order is cancelled.')).toBeInTheDocument();
    expect(statusCalls(fetch)).toHaveLength(0);
  });

  it('sends the change with its reason; a 200 is done at once', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(withProfile(() => json(200, { id: 7, status: 'confirmed' })));
    const onAccepted = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<StatusUpdateForm order={order('pending', ['confirmed', 'cancelled'])} onAccepted={onAccepted} />);
    await user.click(screen.getByRole('radio', { name: 'Confirmed' }));
    await user.type(screen.getByLabelText('Reason'), 'Stock checked');
    await user.click(screen.getByRole('button', { name: 'Update status' }));
    expect(await screen.findByText('ORD-2026-000007 is now confirmed.')).toBeInTheDocument();
    const [[, init]] = statusCalls(fetch) as [[string, RequestInit]];
    expect(init.method).toBe('PATCH');
    expect(JSON.parse(String(init.body))).toEqual({ status: 'confirmed', reason: 'Stock checked' });
    expect(onAccepted).not.toHaveBeenCalled();
  });

  it('treats a 202 as accepted by the workflow, to be waited for', async () => {
    tokens.save('access', 'refresh', false);
    // A 202 may come without a body: the form must not try to read one.
    mockFetch(withProfile(() => new Response(null, { status: 202 })));
    const onAccepted = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<StatusUpdateForm order={order('confirmed', ['activated', 'cancelled'])} onAccepted={onAccepted} />);
    await user.click(screen.getByRole('radio', { name: 'Activated' }));
    await user.click(screen.getByRole('button', { name: 'Update status' }));
    await waitFor(() => expect(onAccepted).toHaveBeenCalledWith('activated'));
    expect(screen.getByText(/Change to activated requested/)).toBeInTheDocument();
  });

  it('shows the API refusal when the order moved on meanwhile', async () => {
    tokens.save('access', 'refresh', false);
    mockFetch(
      withProfile(() =>
        envelope(409, 'illegal_transition', 'An order that is cancelled cannot become confirmed.', { allowed: [] }),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<StatusUpdateForm order={order('pending', ['confirmed', 'cancelled'])} onAccepted={vi.fn()} />);
    await user.click(screen.getByRole('radio', { name: 'Confirmed' }));
    await user.click(screen.getByRole('button', { name: 'Update status' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('An order that is cancelled cannot become confirmed.');
  });
});
