package app.wasla.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards a local port to a TCP server (the shared PostgreSQL) and can play that server's restart:
 * {@link #cut()} resets every open connection and every new one until {@link #restore()}. The
 * application sees what it sees when the database restarts (connections reset, connects failing)
 * while the real server, which other tests share, keeps running.
 */
public final class TcpProxy implements AutoCloseable {

  private final String host;
  private final int port;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean down;

  /** Starts forwarding {@code upstream} ("host:port") from a free local port. */
  public TcpProxy(String upstream) throws IOException {
    this.host = upstream.substring(0, upstream.lastIndexOf(':'));
    this.port = Integer.parseInt(upstream.substring(upstream.lastIndexOf(':') + 1));
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptAll, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /**
   * The database goes away: open connections are reset, new ones are reset as soon as they connect.
   */
  public void cut() {
    down = true;
    open.forEach(TcpProxy::reset);
    open.clear();
  }

  /** The database is back. */
  public void restore() {
    down = false;
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      if (down) {
        reset(client);
        continue;
      }
      try {
        Socket upstream = new Socket(host, port);
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        reset(client);
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException ended) {
                // one side closed or was reset: so is the other
              } finally {
                reset(from);
                reset(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    cut();
  }
}
