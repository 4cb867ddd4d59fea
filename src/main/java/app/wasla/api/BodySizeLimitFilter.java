package app.wasla.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized request bodies on every path with 413: by Content-Length up front, and for
 * chunked bodies by counting while the body is read (the read then fails, and the request ends in
 * 413 too).
 */
class BodySizeLimitFilter extends OncePerRequestFilter {

  private final ApiProperties props;
  private final ObjectMapper json;

  BodySizeLimitFilter(ApiProperties props, ObjectMapper json) {
    this.props = props;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // The decoded path without ';' parameters, as the servlet container mapped it (the raw URI
    // could hide /api).
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    long limit =
        (path.startsWith("/api/") ? props.maxBodySize() : props.maxBodySizeOtherPaths()).toBytes();
    if (request.getContentLengthLong() > limit) {
      tooLarge(response, limit);
      return;
    }
    LimitedRequest limited = new LimitedRequest(request, limit);
    try {
      chain.doFilter(limited, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (limited.exceeded && !response.isCommitted()) {
        response.resetBuffer();
        tooLarge(response, limit);
        return;
      }
      throw e;
    }
    if (limited.exceeded && !response.isCommitted()) {
      response.resetBuffer();
      tooLarge(response, limit);
    }
  }

  private void tooLarge(HttpServletResponse response, long limit) throws IOException {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.PAYLOAD_TOO_LARGE, "the request body exceeds " + limit + " bytes");
    problem.setType(URI.create(ApiAccessFilter.PROBLEMS + "payload-too-large"));
    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }

  /** Counts the bytes read and fails the read past the limit. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long limit;
    private volatile boolean exceeded;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              private long count;

              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                  count(1);
                }
                return b;
              }

              @Override
              public int read(byte[] buf, int off, int len) throws IOException {
                int n = in.read(buf, off, len);
                if (n > 0) {
                  count(n);
                }
                return n;
              }

              private void count(int n) throws IOException {
                count += n;
                if (count > limit) {
                  exceeded = true;
                  throw new IOException("request body exceeds " + limit + " bytes");
                }
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }
  }
}
