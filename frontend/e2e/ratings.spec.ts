import { expect, test, type Page } from '@playwright/test';
import { createEventAsAdmin, logIn, PHONE, registerMember, shot, signUpMember } from './support';

// A member with a confirmed registration rates an event that has started, from the event page
// and with the keyboard; changes the rating and sees the average move; withdraws it. The API
// refuses events that start in the past, so the spec makes one that starts a few seconds from
// now, registers the member before it starts and waits for the start.

test.use({ viewport: PHONE });

const LEAD_MS = 6_000;

/** The number of ratings and the average the summary shows (0 and null before any). */
async function summary(page: Page): Promise<{ count: number; average: number | null }> {
  const count = Number(await page.getByTestId('rating-summary').getAttribute('data-count'));
  if (count === 0) return { count, average: null };
  return { count, average: Number(await page.getByTestId('rating-average').textContent()) };
}

test('a member rates a started event and sees the average change', async ({ page, request }) => {
  const runId = `${Date.now()}`;
  const title = `E2E Rated Talk ${runId}`;
  const startsAt = new Date(Date.now() + LEAD_MS);
  const eventId = await createEventAsAdmin(request, { title, capacity: 5, startsAt });
  const member = await signUpMember(request, `Rater ${runId}`, `rater-${runId}@example.org`);
  await registerMember(request, member, eventId);

  await page.goto('/');
  await logIn(page, member);
  // Rating opens at the start.
  await page.waitForTimeout(Math.max(0, startsAt.getTime() - Date.now() + 500));
  await page.goto(`/events/${encodeURIComponent(eventId)}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const widget = page.getByTestId('rating-widget');
  await expect(widget).toBeVisible();
  await expect(page.getByTestId('rating-summary')).toHaveAttribute('data-count', '0');

  // One star, with the keyboard: focus the group (its first star), Home selects it.
  await widget.getByRole('radio', { name: '1 star' }).focus();
  await page.keyboard.press('Home');
  await expect(widget.getByRole('radio', { name: '1 star' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  const comment = widget.getByLabel('Comment (optional)');
  await comment.fill('Too crowded for me.');
  await expect(widget.getByText('19 / 2,000 characters')).toBeVisible();
  await widget.getByRole('button', { name: 'Save rating' }).click();
  await expect(widget.getByTestId('rating-saved')).toBeVisible();
  await expect(page.getByTestId('rating-summary')).toHaveAttribute('data-count', '1');
  const low = await summary(page);
  expect(low.average).toBe(1);
  await expect(page.getByTestId('rating-comment').filter({ hasText: 'Too crowded' })).toHaveCount(
    1,
  );

  // Changed to five stars with an arrow key (Left wraps from 1 to 5): the average goes up.
  await widget.getByRole('radio', { name: '1 star' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(widget.getByRole('radio', { name: '5 stars' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await expect(widget.getByRole('radio', { name: '5 stars' })).toBeFocused();
  await comment.fill('Actually it was great.');
  await widget.getByRole('button', { name: 'Change rating' }).click();
  await expect(page.getByTestId('rating-average')).toHaveText('5.0');
  await expect(page.getByTestId('rating-summary')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('rating-comment')).toContainText('Actually it was great.');
  await page.screenshot({ path: shot('event-rated-390.png'), fullPage: true });

  // Withdrawn: no rating left.
  await widget.getByRole('button', { name: 'Withdraw rating' }).click();
  await expect(widget.getByTestId('rating-withdrawn')).toBeVisible();
  await expect(page.getByTestId('rating-summary')).toHaveAttribute('data-count', '0');
  await expect(widget.getByRole('button', { name: 'Save rating' })).toBeVisible();
});
