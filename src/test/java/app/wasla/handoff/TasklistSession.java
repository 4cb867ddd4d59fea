package app.wasla.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * An agent logged in to Tasklist over real HTTP, as the browser is: the webapp's session cookie and
 * its CSRF token (the {@code XSRF-TOKEN} cookie, sent back as {@code X-XSRF-TOKEN}).
 */
final class TasklistSession {

  private final String base;
  private final List<Cookie> cookies = new ArrayList<>();
  private final OkHttpClient http =
      new OkHttpClient.Builder()
          .cookieJar(
              new CookieJar() {
                @Override
                public void saveFromResponse(HttpUrl url, List<Cookie> received) {
                  synchronized (cookies) {
                    for (Cookie cookie : received) {
                      cookies.removeIf(
                          c -> c.name().equals(cookie.name()) && c.path().equals(cookie.path()));
                      cookies.add(cookie);
                    }
                  }
                }

                @Override
                public List<Cookie> loadForRequest(HttpUrl url) {
                  synchronized (cookies) {
                    return cookies.stream().filter(c -> c.matches(url)).toList();
                  }
                }
              })
          .build();

  private TasklistSession(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Opens Tasklist and logs in with the password that the demo accounts use (the user id). */
  static TasklistSession login(int port, String user) throws IOException {
    TasklistSession session = new TasklistSession(port);
    try (Response page =
        session
            .http
            .newCall(new Request.Builder().url(session.base + "/camunda/app/tasklist/").build())
            .execute()) {
      assertThat(page.code()).isEqualTo(200);
    }
    Request login =
        new Request.Builder()
            .url(session.base + "/camunda/api/admin/auth/user/default/login/tasklist")
            .header("X-XSRF-TOKEN", session.csrfToken())
            .post(new FormBody.Builder().add("username", user).add("password", user).build())
            .build();
    try (Response answer = session.http.newCall(login).execute()) {
      assertThat(answer.code()).as("login of %s: %s", user, answer.body().string()).isEqualTo(200);
    }
    // the login renews the session; a GET hands out its CSRF token
    try (Response me =
        session
            .http
            .newCall(
                new Request.Builder()
                    .url(session.base + "/camunda/api/admin/auth/user/default")
                    .build())
            .execute()) {
      assertThat(me.code()).isEqualTo(200);
    }
    return session;
  }

  Response post(String path, String json) throws IOException {
    return http.newCall(
            new Request.Builder()
                .url(base + path)
                .header("X-XSRF-TOKEN", csrfToken())
                .header("Accept", "application/json")
                .post(RequestBody.create(json, MediaType.get("application/json")))
                .build())
        .execute();
  }

  /**
   * Any method, as Tasklist sends it (PUT for a task's fields and variables, DELETE for a
   * variable).
   */
  Response send(String method, String path, String json) throws IOException {
    return http.newCall(
            new Request.Builder()
                .url(base + path)
                .header("X-XSRF-TOKEN", csrfToken())
                .header("Accept", "application/json")
                .method(
                    method,
                    json == null
                        ? null
                        : RequestBody.create(json, MediaType.get("application/json")))
                .build())
        .execute();
  }

  Response postWithoutCsrf(String path, String json) throws IOException {
    return http.newCall(
            new Request.Builder()
                .url(base + path)
                .header("Accept", "application/json")
                .post(RequestBody.create(json, MediaType.get("application/json")))
                .build())
        .execute();
  }

  private String csrfToken() {
    synchronized (cookies) {
      return cookies.stream()
          .filter(c -> c.name().equals("XSRF-TOKEN"))
          .reduce((a, b) -> b)
          .map(Cookie::value)
          .orElse("");
    }
  }
}
