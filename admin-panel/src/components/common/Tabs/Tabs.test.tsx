import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Tabs } from './Tabs';

function Where() {
  return <output aria-label="search">{useLocation().search}</output>;
}

function setup(url = '/resellers/7') {
  render(
    <MemoryRouter initialEntries={[url]}>
      <Tabs
        label="About"
        tabs={[
          { id: 'clients', label: 'Clients', content: <p>client rows</p> },
          { id: 'activity', label: 'Activity', content: <p>audit rows</p> },
        ]}
      />
      <Where />
    </MemoryRouter>,
  );
  return userEvent.setup();
}

describe('Tabs', () => {
  it('keeps the chosen tab in the URL and moves with the arrow keys', async () => {
    const user = setup();
    expect(screen.getByRole('tab', { name: 'Clients' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Clients' })).toHaveTextContent('client rows');

    await user.click(screen.getByRole('tab', { name: 'Clients' }));
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Activity' })).toHaveFocus();
    expect(screen.getByRole('tabpanel', { name: 'Activity' })).toHaveTextContent('audit rows');
    expect(screen.getByLabelText('search')).toHaveTextContent('?tab=activity');

    await user.keyboard('{Home}');
    expect(screen.getByRole('tab', { name: 'Clients' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByLabelText('search')).toBeEmptyDOMElement();
  });

  it('opens the tab a shared link names', () => {
    setup('/resellers/7?tab=activity');
    expect(screen.getByRole('tabpanel')).toHaveTextContent('audit rows');
    expect(screen.queryByText('client rows')).not.toBeInTheDocument();
  });
});
