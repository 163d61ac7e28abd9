import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import { json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import { AssignDeliveryModal } from './AssignDeliveryModal';

const PATH = '/api/orders/7/assign-delivery/';
const ORDER = { id: 7, order_number: 'ORD-2026-000007', courier: '', delivery_tracking_number: '', delivery_eta: null };

describe('AssignDeliveryModal', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('checks the tracking number, then sends the ETA as an instant; a 202 is handed to the workflow', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(withProfile(() => json(202, {})));
    const onAccepted = vi.fn();
    const onClose = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<AssignDeliveryModal order={ORDER} onClose={onClose} onAccepted={onAccepted} />);

    expect(screen.getByRole('textbox', { name: 'Courier' })).toHaveFocus();
    await user.type(screen.getByRole('textbox', { name: 'Courier' }), 'DHL');
    await user.type(screen.getByRole('textbox', { name: 'Tracking number' }), 'JD 0142');
    await user.click(screen.getByRole('button', { name: 'Save delivery' }));
    expect(await screen.findByText('3–100 letters, digits or dashes.')).toBeInTheDocument();

    await user.clear(screen.getByRole('textbox', { name: 'Tracking number' }));
    await user.type(screen.getByRole('textbox', { name: 'Tracking number' }), 'JD-0142');
    await user.type(screen.getByLabelText('Estimated delivery'), '2026-06-01T09:30');
    await user.click(screen.getByRole('button', { name: 'Save delivery' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(onAccepted).toHaveBeenCalled();
    const [[, init]] = fetch.mock.calls.filter(([url]) => url === PATH) as [[string, RequestInit]];
    expect(JSON.parse(String(init.body))).toEqual({
      courier: 'DHL',
      tracking_number: 'JD-0142',
      eta: new Date('2026-06-01T09:30').toISOString(),
    });
  });
});
