import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n_context';
import { RouterProvider } from '../router/router';
import { StaffPageCard } from './staff_page_card';

function renderCard(action?: React.ReactNode) {
  window.history.replaceState(null, '', '/staff/admin');
  return render(
    <RouterProvider>
      <I18nProvider initialLocale="en">
        <StaffPageCard title="Staff accounts" lead="Add staff members." {...(action !== undefined ? { action } : {})}>
          <p>Page body</p>
        </StaffPageCard>
      </I18nProvider>
    </RouterProvider>,
  );
}

describe('StaffPageCard', () => {
  it('is a region named by its heading, with the way back to the staff home, the lead and the body in order', () => {
    const { container } = renderCard();
    const card = screen.getByRole('region', { name: 'Staff accounts' });
    const heading = within(card).getByRole('heading', { level: 1, name: 'Staff accounts' });
    expect(heading.id).toBe('page-heading');
    expect(heading.tabIndex).toBe(-1);
    expect(container.querySelector('.page-head')).toBeNull();
    expect([...card.children].map((el) => el.textContent)).toEqual(['Staff home', 'Staff accounts', 'Add staff members.', 'Page body']);
    expect(card.querySelector('p.lead')?.textContent).toBe('Add staff members.');
  });

  it('links back to /staff without reloading the page', () => {
    renderCard();
    const link = screen.getByRole('link', { name: 'Staff home' });
    expect(link.closest('p')?.className).toBe('breadcrumb');
    fireEvent.click(link);
    expect(window.location.pathname).toBe('/staff');
  });

  it('puts the page’s main action beside the heading', () => {
    renderCard(<button type="button">Next case</button>);
    const head = screen.getByRole('heading', { level: 1 }).parentElement!;
    expect(head.className).toBe('page-head');
    expect(within(head).getByRole('button', { name: 'Next case' })).toBeTruthy();
  });
});
