import { expect, test } from '@playwright/test';
import { adminCredentials, apiToken, logIn, PHONE, shot, signUpMember } from './support';

// The admin's users screen: a role change that takes rights away asks first; the admin
// deactivates a member after a confirmation naming the consequence, sees the row deactivated,
// reads the member's history; the member's open session ends and they can no longer log in.

for (const viewport of [PHONE, { width: 1366, height: 900 }]) {
  test(`an admin deactivates a member and reads their history (${viewport.width} px)`, async ({
    browser,
    request,
  }) => {
    const runId = `${Date.now()}-${viewport.width}`;
    const name = `Dora ${runId}`;
    const member = await signUpMember(request, name, `dora-${runId}@example.org`);
    const memberToken = await apiToken(request, member);

    const page = await browser.newPage({ viewport });
    await page.goto('/');
    await logIn(page, adminCredentials());
    await page.goto('/admin/users');
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await page.getByLabel('Name or email').fill(member.email);
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    const row = page.getByTestId('user-row').filter({ hasText: member.email });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('user-status')).toHaveText('Active');

    // Giving organizer rights needs no question; taking them away asks first.
    const roleSelect = row.getByLabel(`Role for ${name}`, { exact: true });
    const saveRole = row.getByRole('button', { name: `Save role for ${name}` });
    await roleSelect.selectOption('organizer');
    await saveRole.click();
    await expect(row.getByRole('status')).toHaveText('Saved.');
    await roleSelect.selectOption('member');
    await saveRole.click();
    const roleDialog = page.getByRole('dialog', { name: `Change ${name}'s role` });
    await expect(roleDialog).toBeVisible();
    await expect(roleDialog).toContainText('will no longer be an organizer');
    await roleDialog.getByRole('button', { name: 'Yes, change the role' }).click();
    await expect(roleDialog).toBeHidden();
    await expect(row.getByRole('status')).toHaveText('Saved.');

    // Deactivate: the dialog names the consequence; Cancel keeps the account.
    await row.getByRole('button', { name: `Deactivate ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Deactivate ${name}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('signed out on every device');
    await expect(dialog).toContainText('can no longer log in');
    await expect(dialog).toContainText('registrations and their history stay');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.screenshot({ path: shot(`admin-deactivate-${viewport.width}.png`), fullPage: true });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByTestId('user-status')).toHaveText('Active');

    await row.getByRole('button', { name: `Deactivate ${name}` }).click();
    await dialog.getByRole('button', { name: 'Yes, deactivate' }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByTestId('user-status')).toHaveText('Deactivated');
    await expect(row.getByRole('button', { name: `Deactivate ${name}` })).toHaveCount(0);

    // The history, worded per entry type, with who did it.
    await row.getByRole('button', { name: `History of ${name}` }).click();
    const history = page.getByRole('dialog', { name: `History of ${name}` });
    await expect(history).toBeVisible();
    const entries = history.getByTestId('user-history-entry');
    await expect(entries.first()).toContainText('Account created');
    await expect(entries.filter({ hasText: 'Now Organizer (was Member)' })).toHaveCount(1);
    await expect(entries.filter({ hasText: 'Now Member (was Organizer)' })).toHaveCount(1);
    await expect(entries.filter({ hasText: 'Account deactivated' })).toContainText('by you');
    await page.screenshot({ path: shot(`admin-history-${viewport.width}.png`), fullPage: true });
    await history.getByRole('button', { name: 'Close' }).click();
    await expect(history).toBeHidden();
    await page.close();

    // Their open session has ended, and logging in no longer works.
    const me = await request.get('/api/me', {
      headers: { Authorization: `Bearer ${memberToken}` },
    });
    expect(me.status()).toBe(401);
    const memberPage = await browser.newPage({ viewport });
    await memberPage.goto('/');
    await memberPage.getByRole('banner').getByRole('link', { name: 'Log in' }).click();
    await memberPage.getByLabel('Email', { exact: true }).fill(member.email);
    await memberPage.getByLabel('Password', { exact: true }).fill(member.password);
    await memberPage.getByRole('button', { name: 'Log in', exact: true }).click();
    await expect(memberPage.getByRole('alert')).toBeVisible();
    await expect(memberPage.getByTestId('user-menu')).toHaveCount(0);
    await expect(memberPage.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await memberPage.close();
  });
}
