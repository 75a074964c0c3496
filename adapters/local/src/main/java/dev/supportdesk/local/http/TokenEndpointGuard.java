package dev.supportdesk.local.http;

import dev.supportdesk.http.ApiException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may mint tokens on {@code POST /local/tokens}: by default only a process on this machine,
 * i.e. a loopback peer that also named a loopback host (so a web page that rebinds its DNS name to
 * 127.0.0.1 cannot use the browser as a proxy: its Host header still carries its own name). With
 * {@code supportdesk.local.remote-token-minting} every caller may, and with
 * {@code supportdesk.local.token-endpoint=false} none.
 */
public final class TokenEndpointGuard {

    public static final String PATH = "/local/tokens";
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");

    private final boolean enabled;
    private final boolean remote;

    public TokenEndpointGuard(boolean enabled, boolean remote) {
        this.enabled = enabled;
        this.remote = remote;
    }

    /** Throws a problem unless the request from {@code peerAddress} naming {@code host} may mint tokens. */
    public void check(String peerAddress, String host) {
        if (!enabled) {
            throw ApiException.notFound("the token endpoint is off (supportdesk.local.token-endpoint=false)");
        }
        if (remote) {
            return;
        }
        if (!isLoopbackAddress(peerAddress)) {
            throw ApiException.forbidden("tokens are minted only for callers on this machine (loopback)");
        }
        if (host == null || !isLoopbackHost(host)) {
            throw ApiException.forbidden("tokens are minted only for requests to a loopback host name"
                    + " (localhost, 127.0.0.1 or [::1])");
        }
    }

    static boolean isLoopbackAddress(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!literal.matches("[0-9a-fA-F:.%a-zA-Z0-9]+") || !(literal.contains(":") || literal.matches("[0-9.]+"))) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A Host header (with or without port) that names this machine's loopback interface. */
    static boolean isLoopbackHost(String hostHeader) {
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0 || !(end == host.length() - 1 || host.substring(end + 1).matches(":[0-9]{1,5}"))) {
                return false;
            }
            return isLoopbackAddress(host.substring(1, end));
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            if (!host.substring(colon + 1).matches("[0-9]{1,5}")) {
                return false;
            }
            host = host.substring(0, colon);
        }
        return host.equals("localhost") || IPV4_LOOPBACK.matcher(host).matches();
    }

    /** Whether the app may start with these settings on {@code bindAddress} (empty: every interface). */
    public static void checkBindAddress(boolean enabled, boolean remote, String bindAddress) {
        if (!enabled || remote) {
            return;
        }
        boolean loopback;
        try {
            loopback = bindAddress != null && !bindAddress.isBlank() && InetAddress.getByName(bindAddress.trim()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new IllegalStateException("server.address is '" + (bindAddress == null ? "" : bindAddress)
                    + "', not a loopback address, and the token endpoint (POST " + PATH + ") would mint tokens for"
                    + " anyone who reaches it. Bind to 127.0.0.1, or set supportdesk.local.token-endpoint=false,"
                    + " or accept that risk explicitly with supportdesk.local.remote-token-minting=true");
        }
    }
}
