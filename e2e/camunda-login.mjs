// Tasklist's sign-in form, shared by the specs that log in to the Camunda webapps (Tasklist, the handoff form with
// media, the dashboard, the campaigns page): fills the form and submits it, clicking again until the login POST is
// sent (on a loaded machine the form may not be wired to Angular yet when first clicked). Returns the login's
// response.
//
// The form focuses its username field by itself once Angular has compiled it, which on a loaded machine may come
// after a field was filled: the typed password then lands in the username field. So the fields are checked, and
// filled again, before each click.
//
// Once the POST has gone out, its answer is awaited for as long as a shared machine in the middle of a full test run
// may need (a slow answer is not what these tests check); a failure says which it was: the form never sent its POST,
// or the server never answered it.
const isLoginPost = (request) => request.url().includes('/auth/user/') && request.url().includes('/login/')
  && request.method() === 'POST';

async function fillIn(page, user, password, timeoutMs) {
  const username = page.locator('form[name="signinForm"] input[ng-model="username"]');
  const secret = page.locator('form[name="signinForm"] input[ng-model="password"]');
  for (let attempt = 0; attempt < 10; attempt++) {
    if (await username.inputValue() !== user) await username.fill(user, { timeout: timeoutMs });
    if (await secret.inputValue() !== password) await secret.fill(password, { timeout: timeoutMs });
    await page.waitForTimeout(200);
    if (await username.inputValue() === user && await secret.inputValue() === password) return;
  }
  throw new Error(`the login form of ${user} would not keep what was typed into it`);
}

export async function submitCamundaLogin(page, user, password, timeoutMs) {
  let sentAt = null;
  const onRequest = (request) => { if (isLoginPost(request) && !sentAt) sentAt = Date.now(); };
  page.on('request', onRequest);
  const answered = page.waitForResponse((r) => isLoginPost(r.request()), { timeout: 0 });
  let loginResponse = null;
  answered.then((r) => { loginResponse = r; }, () => {});
  try {
    const submit = page.locator('form[name="signinForm"] button[type="submit"]');
    for (let click = 0; click < 6 && !sentAt; click++) {
      await fillIn(page, user, password, timeoutMs);
      await submit.click({ timeout: timeoutMs }).catch(() => {});
      for (let waited = 0; waited < timeoutMs / 2 && !sentAt; waited += 250) await page.waitForTimeout(250);
    }
    if (!sentAt) throw new Error(`the login form of ${user} never sent its POST (clicked 6 times)`);
    const deadline = sentAt + 6 * timeoutMs;
    while (!loginResponse && Date.now() < deadline) await page.waitForTimeout(250);
    if (!loginResponse) {
      throw new Error(`the login POST of ${user} got no answer in ${Math.round((Date.now() - sentAt) / 1000)} s`);
    }
    return loginResponse;
  } finally {
    page.off('request', onRequest);
  }
}
