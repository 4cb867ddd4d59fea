package app.wasla.webhook;

import app.wasla.channel.whatsapp.WhatsAppProperties;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import org.springframework.stereotype.Component;

/**
 * Where webhooks may go: never inside (loopback, private, link-local, CGNAT, multicast,
 * unspecified, unique-local, broadcast, cloud metadata), unless the operator's allow-list ({@code
 * wasla.webhooks.allowed-hosts}) names the host or its address. Checked on the URL when a
 * subscription is created or changed, and on every resolved address at delivery time ({@link
 * #dns()}), so a name that later resolves inside (DNS rebinding) is refused too.
 */
@Component
public class WebhookTargets {

  private static final Set<String> METADATA_HOSTS =
      Set.of(
          "metadata.google.internal",
          "metadata.goog",
          "metadata",
          "instance-data",
          "instance-data.ec2.internal",
          "metadata.azure.internal",
          "metadata.internal");

  /** The delivery refused because of where it would have gone. */
  static final class AddressNotAllowedException extends UnknownHostException {
    AddressNotAllowedException() {
      super("address not allowed");
    }
  }

  private record Cidr(byte[] network, int bits) {
    boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      if (a.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private final boolean sandbox;
  private final boolean allowHttp;
  private final Set<String> allowedNames;
  private final List<Cidr> allowedRanges;

  WebhookTargets(WebhookProperties props, WhatsAppProperties whatsapp) {
    this.sandbox = whatsapp.mode() == WhatsAppProperties.Mode.SANDBOX;
    this.allowHttp = props.allowHttp() == null ? sandbox : props.allowHttp();
    List<Cidr> ranges = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String entry : props.allowedHosts()) {
      String e = entry.trim().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) {
        continue;
      }
      Optional<Cidr> cidr = cidr(e);
      if (cidr.isPresent()) {
        ranges.add(cidr.get());
      } else {
        names.add(stripDot(e));
      }
    }
    this.allowedNames = Set.copyOf(names);
    this.allowedRanges = List.copyOf(ranges);
  }

  /** The URL of a subscription, or IllegalArgumentException saying why it is refused. */
  String requireAllowed(String url) {
    // parsed as the dispatcher's HTTP client will parse it, so both see the same host
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
    if (parsed == null || !parsed.username().isEmpty() || !parsed.password().isEmpty()) {
      throw new IllegalArgumentException("url must be an absolute http(s) URL without user info");
    }
    if (!parsed.isHttps() && !allowHttp) {
      throw new IllegalArgumentException("url must use https (wasla.webhooks.allow-http is off)");
    }
    String host = stripDot(parsed.host().toLowerCase(Locale.ROOT));
    if (allowedNames.contains(host)) {
      return url;
    }
    if (METADATA_HOSTS.contains(host)) {
      throw new IllegalArgumentException("url points at a cloud metadata service");
    }
    // in sandbox mode loopback is allowed, for a receiver on the developer's machine
    if (!sandbox && localhost(host)) {
      throw new IllegalArgumentException(
          "url points at localhost, an internal address; "
              + "an operator can allow it with wasla.webhooks.allowed-hosts");
    }
    Optional<InetAddress> literal = literal(host);
    if (literal.isPresent() && !allowed(literal.get())) {
      throw new IllegalArgumentException(
          "url points at an internal address (loopback, private, link-local or similar); "
              + "an operator can allow it with wasla.webhooks.allowed-hosts");
    }
    return url;
  }

  /** Resolves as the system does, then keeps only the addresses a delivery may connect to. */
  Dns dns() {
    return hostname -> {
      String host = stripDot(hostname.toLowerCase(Locale.ROOT));
      if (!allowedNames.contains(host)
          && (METADATA_HOSTS.contains(host) || !sandbox && localhost(host))) {
        throw new AddressNotAllowedException();
      }
      List<InetAddress> resolved = Dns.SYSTEM.lookup(hostname);
      if (allowedNames.contains(host)) {
        return resolved;
      }
      List<InetAddress> kept = resolved.stream().filter(this::allowed).toList();
      if (kept.isEmpty()) {
        throw new AddressNotAllowedException();
      }
      return kept;
    };
  }

  /**
   * An IP literal host (OkHttp connects to those without asking {@link #dns()}) checked before the
   * call.
   */
  void checkLiteral(String host) throws AddressNotAllowedException {
    String h = stripDot(host.toLowerCase(Locale.ROOT));
    if (allowedNames.contains(h)) {
      return;
    }
    Optional<InetAddress> literal = literal(h);
    if (literal.isPresent() && !allowed(literal.get())) {
      throw new AddressNotAllowedException();
    }
  }

  /**
   * {@code localhost} and every name under it (RFC 6761: they resolve to loopback), already lower
   * case.
   */
  private static boolean localhost(String host) {
    return host.equals("localhost") || host.endsWith(".localhost");
  }

  boolean allowed(InetAddress address) {
    if (allowedRanges.stream().anyMatch(r -> r.contains(address))) {
      return true;
    }
    InetAddress a = embeddedIpv4(address).orElse(address);
    if (a.isLoopbackAddress()) {
      return sandbox;
    }
    return !internal(a);
  }

  private static boolean internal(InetAddress a) {
    if (a.isAnyLocalAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 // "this network"
          || (first == 100 && second >= 64 && second < 128) // CGNAT 100.64/10
          || (first == 192
              && second == 0
              && (b[2] & 0xff) == 0) // IETF protocol assignments 192.0.0/24
          || (first == 198 && (second == 18 || second == 19)) // benchmarking 198.18/15
          || first >= 240; // reserved and broadcast
    }
    return (b[0] & 0xfe) == 0xfc; // unique-local fc00::/7
  }

  /**
   * The IPv4 address inside an IPv4-mapped, -translated, -compatible, NAT64 or 6to4 IPv6 address.
   */
  private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] b = address.getAddress();
    byte[] v4 = null;
    boolean zeros = true;
    for (int i = 0; i < 10; i++) {
      zeros &= b[i] == 0;
    }
    boolean first8Zero = true;
    for (int i = 0; i < 8; i++) {
      first8Zero &= b[i] == 0;
    }
    if (zeros && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
      v4 = Arrays.copyOfRange(b, 12, 16);
    } else if (first8Zero
        && b[8] == (byte) 0xff
        && b[9] == (byte) 0xff
        && b[10] == 0
        && b[11] == 0) {
      v4 = Arrays.copyOfRange(b, 12, 16); // IPv4-translated ::ffff:0:a.b.c.d (RFC 2765)
    } else if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
      v4 = Arrays.copyOfRange(b, 12, 16);
    } else if (b[0] == 0x20 && b[1] == 0x02) {
      v4 = Arrays.copyOfRange(b, 2, 6);
    }
    if (v4 == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(v4));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /**
   * The address a host names literally: IPv6 in brackets, or IPv4 in any form a resolver accepts
   * (dotted, fewer parts, decimal, octal with a leading 0, hex with 0x: 2130706433, 0x7f.1,
   * 017700000001 are all 127.0.0.1).
   */
  static Optional<InetAddress> literal(String host) {
    try {
      if (host.startsWith("[") && host.endsWith("]")) {
        return Optional.of(InetAddress.getByName(host.substring(1, host.length() - 1)));
      }
      if (host.indexOf(':') >= 0) {
        return Optional.of(InetAddress.getByName(host));
      }
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    String[] parts = host.split("\\.", -1);
    if (parts.length > 4) {
      return Optional.empty();
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Optional<Long> v = number(parts[i]);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      values[i] = v.get();
    }
    long value = 0;
    for (int i = 0; i < values.length - 1; i++) {
      if (values[i] > 255) {
        return Optional.empty();
      }
      value |= values[i] << (8 * (3 - i));
    }
    long last = values[values.length - 1];
    if (last >= 1L << (8 * (5 - values.length))) {
      return Optional.empty();
    }
    value |= last;
    byte[] bytes = {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static Optional<Long> number(String part) {
    try {
      if (part.startsWith("0x") || part.startsWith("0X")) {
        return part.length() == 2
            ? Optional.of(0L)
            : Optional.of(Long.parseLong(part.substring(2), 16));
      }
      if (part.length() > 1 && part.startsWith("0")) {
        return Optional.of(Long.parseLong(part.substring(1), 8));
      }
      return part.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(part));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Cidr> cidr(String entry) {
    int slash = entry.indexOf('/');
    String address = slash < 0 ? entry : entry.substring(0, slash);
    if (!(address.indexOf(':') >= 0 || address.matches("[0-9.]+"))) {
      return Optional.empty();
    }
    try {
      byte[] network = InetAddress.getByName(address).getAddress();
      int bits = slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
      if (bits < 0 || bits > network.length * 8) {
        throw new IllegalArgumentException(
            "wasla.webhooks.allowed-hosts: bad prefix length in " + entry);
      }
      return Optional.of(new Cidr(network, bits));
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "wasla.webhooks.allowed-hosts: not an address or CIDR: " + entry);
    }
  }

  private static String stripDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }
}
