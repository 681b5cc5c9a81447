import { expect, test, type Page } from '@playwright/test';
import { logIn, openMenu, PHONE, shot } from './support';

// The account screens: signing up logs you in (back on the home page, with a word on the
// verification email); the profile changes the password (a wrong current one is named next to
// its field; the new one works for the next login, the old one no longer); logging out from the
// profile lands on the home page, not on the login form.

const userMenu = (page: Page) => page.getByTestId('user-menu');

for (const viewport of [PHONE, { width: 1366, height: 900 }]) {
  test(`sign up, change the password, log out and back in (${viewport.width}px)`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const runId = `${Date.now()}`;
    const name = `Account ${runId}`;
    const email = `account-${runId}@example.org`;
    const first = 'correct horse battery staple';
    const second = 'purple elephant riding bicycles';

    // 1. Sign up: logged in at once, on the home page, told about the verification email.
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: 'Sign up' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(first);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Find an event' })).toBeVisible();
    const welcome = page.getByTestId('welcome');
    await expect(welcome).toContainText(`Welcome, ${name}!`);
    await expect(welcome).toContainText(email);
    await expect(page.getByTestId('user-name')).toHaveText(name);
    await page.screenshot({ path: shot(`account-welcome-${viewport.width}.png`) });
    await welcome.getByRole('button', { name: 'Dismiss' }).click();
    await expect(welcome).toHaveCount(0);

    // 2. Change the password on the profile; a wrong current password is named next to it.
    await openMenu(page);
    await userMenu(page).getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
    const panel = page.getByTestId('change-password');
    await expect(panel.getByRole('heading', { name: 'Change password' })).toBeVisible();
    const current = panel.getByLabel('Current password', { exact: true });
    await current.fill('not my password at all');
    await panel.getByLabel('New password', { exact: true }).fill(second);
    await panel.getByLabel('New password again', { exact: true }).fill(second);
    await panel.getByRole('button', { name: 'Change password' }).click();
    await expect(current).toHaveAttribute('aria-invalid', 'true');
    await expect(panel.getByText('The current password is wrong.')).toBeVisible();
    await expect(panel.getByTestId('problem')).toHaveCount(0);
    await current.fill(first);
    await expect(panel.getByText('The current password is wrong.')).toHaveCount(0);
    await panel.getByRole('button', { name: 'Change password' }).click();
    await expect(panel.getByTestId('password-changed')).toBeVisible();
    await page.screenshot({ path: shot(`account-password-${viewport.width}.png`), fullPage: true });
    // The new tokens replaced the old ones: still logged in here, also after a reload.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
    await expect(page.getByTestId('user-name')).toHaveText(name);

    // 3. Log out from the profile: the home page, not the login form.
    await openMenu(page);
    await userMenu(page).getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Find an event' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
    await expect(userMenu(page)).toHaveCount(0);

    // 4. The old password no longer works; the new one does.
    await page.getByRole('banner').getByRole('link', { name: 'Log in' }).click();
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(first);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await expect(page.getByText('That email and password do not match an account.')).toBeVisible();
    await logIn(page, { email, password: second }, true);
    await expect(page.getByTestId('user-name')).toHaveText(name);
  });
}
