// Tasklist's sign-in form, shared by the specs that log in to the Camunda webapps (Tasklist, the dashboard, the
// campaigns page): fills the form and submits it, clicking again until the login POST is sent (on a loaded machine
// the form may not be wired to Angular yet when first clicked). Returns the login's response.
export async function submitCamundaLogin(page, user, password, timeoutMs) {
  await page.locator('form[name="signinForm"] input[ng-model="username"]').fill(user);
  await page.locator('form[name="signinForm"] input[ng-model="password"]').fill(password);
  const posted = page.waitForResponse((r) => r.url().includes('/auth/user/') && r.url().includes('/login/')
    && r.request().method() === 'POST', { timeout: 3 * timeoutMs });
  const submit = page.locator('form[name="signinForm"] button[type="submit"]');
  let loginResponse = null;
  posted.then((r) => { loginResponse = r; }, () => {});
  for (let click = 0; click < 6 && !loginResponse; click++) {
    await submit.click({ timeout: timeoutMs }).catch(() => {});
    await Promise.race([posted.catch(() => null), page.waitForTimeout(timeoutMs / 2)]);
  }
  return loginResponse || posted;
}
