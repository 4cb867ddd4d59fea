package app.wasla.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.SocketFactory;
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
 * HTTP against a running node as a browser calls it: cookies kept, Camunda's XSRF token sent back.
 */
final class Browser {

  /** One answer: status, headers and body text. */
  record Page(int status, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final String base;
  private final List<Cookie> cookies = new ArrayList<>();
  private final OkHttpClient http;

  Browser(int port) {
    this(port, null);
  }

  /**
   * A browser whose connections leave from {@code localAddress} (any 127.x.y.z on Linux), so the
   * node sees another client address; null for the system's choice.
   */
  Browser(int port, String localAddress) {
    this.base = "http://127.0.0.1:" + port;
    OkHttpClient.Builder builder = new OkHttpClient.Builder().cookieJar(cookieJar());
    if (localAddress != null) {
      builder.socketFactory(
          new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
              Socket socket = new Socket();
              socket.bind(new InetSocketAddress(localAddress, 0));
              return socket;
            }

            @Override
            public Socket createSocket(String host, int port) {
              throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) {
              throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
              throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(
                InetAddress host, int port, InetAddress local, int localPort) {
              throw new UnsupportedOperationException();
            }
          });
    }
    this.http = builder.build();
  }

  private CookieJar cookieJar() {
    return new CookieJar() {
      @Override
      public void saveFromResponse(HttpUrl url, List<Cookie> received) {
        synchronized (cookies) {
          received.forEach(c -> cookies.removeIf(old -> old.name().equals(c.name())));
          cookies.addAll(received);
        }
      }

      @Override
      public List<Cookie> loadForRequest(HttpUrl url) {
        synchronized (cookies) {
          return List.copyOf(cookies);
        }
      }
    };
  }

  Optional<String> xsrfToken() {
    synchronized (cookies) {
      return cookies.stream()
          .filter(c -> c.name().equals("XSRF-TOKEN"))
          .map(Cookie::value)
          .findFirst();
    }
  }

  Page get(String path) {
    return call(new Request.Builder().url(base + path).get(), null);
  }

  Page get(String path, String authorization) {
    return call(new Request.Builder().url(base + path).get(), authorization);
  }

  Page postJson(String path, String json, String authorization) {
    return call(
        new Request.Builder()
            .url(base + path)
            .post(RequestBody.create(json, MediaType.get("application/json"))),
        authorization);
  }

  /** A form post with the browser's cookies but without the XSRF header, as another site's form. */
  Page postFormWithoutToken(String path, Map<String, String> fields) {
    FormBody.Builder form = new FormBody.Builder();
    fields.forEach(form::add);
    try (Response response =
        http.newCall(new Request.Builder().url(base + path).post(form.build()).build()).execute()) {
      return new Page(response.code(), response.headers().toMultimap(), response.body().string());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Page postForm(String path, Map<String, String> fields) {
    FormBody.Builder form = new FormBody.Builder();
    fields.forEach(form::add);
    return call(new Request.Builder().url(base + path).post(form.build()), null);
  }

  /** Any method without a body (PUT, DELETE). */
  Page call(String method, String path, String authorization) {
    RequestBody empty = method.equals("DELETE") ? null : RequestBody.create(new byte[0]);
    return call(new Request.Builder().url(base + path).method(method, empty), authorization);
  }

  Page post(String path, RequestBody body, String authorization) {
    return call(new Request.Builder().url(base + path).post(body), authorization);
  }

  Page call(Request.Builder request, String authorization) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    xsrfToken().ifPresent(token -> request.header("X-XSRF-TOKEN", token));
    try (Response response = http.newCall(request.build()).execute()) {
      return new Page(response.code(), response.headers().toMultimap(), response.body().string());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
