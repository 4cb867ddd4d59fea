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
import java.util.regex.Pattern;
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

  /** Room around the file in a multipart body (boundaries, part headers, a caption). */
  static final long FRAMING = 256 * 1024;

  /** The paths that carry one file: the handoff form's "Send file" and the simulator's upload. */
  private static final Pattern FILE_PATHS =
      Pattern.compile("/handoff/tasks/[^/]+/attachments|/simulator/api/media");

  private final ApiProperties props;
  private final ObjectMapper json;
  private final long maxFile;

  /**
   * @param maxFile the largest file a file path takes (Wasla's media caps); its body may be that
   *     and the multipart framing
   */
  BodySizeLimitFilter(ApiProperties props, ObjectMapper json, long maxFile) {
    this.props = props;
    this.json = json;
    this.maxFile = maxFile;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // The decoded path without ';' parameters, as the servlet container mapped it (the raw URI
    // could hide /api).
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    boolean file = FILE_PATHS.matcher(path).matches();
    long limit =
        file
            ? Math.max(maxFile + FRAMING, props.maxBodySizeOtherPaths().toBytes())
            : (path.startsWith("/api/") ? props.maxBodySize() : props.maxBodySizeOtherPaths())
                .toBytes();
    if (request.getContentLengthLong() > limit) {
      tooLarge(response, limit, file);
      return;
    }
    LimitedRequest limited = new LimitedRequest(request, limit);
    try {
      chain.doFilter(limited, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (limited.exceeded && !response.isCommitted()) {
        response.resetBuffer();
        tooLarge(response, limit, file);
        return;
      }
      throw e;
    }
    if (limited.exceeded && !response.isCommitted()) {
      response.resetBuffer();
      tooLarge(response, limit, file);
    }
  }

  private void tooLarge(HttpServletResponse response, long limit, boolean file) throws IOException {
    // a file's sender reads this: the documented sentence, with the cap in MB
    String detail =
        file
            ? "The file is too large: at most " + (maxFile / (1024 * 1024)) + " MB"
            : "the request body exceeds " + limit + " bytes";
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, detail);
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
