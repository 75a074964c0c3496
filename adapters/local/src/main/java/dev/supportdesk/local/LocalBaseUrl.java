package dev.supportdesk.local;

/** The URL this app is reachable at, known once the web server has its port. */
public final class LocalBaseUrl {

    private final String configured;
    private volatile String fromServer;

    LocalBaseUrl(String configured) {
        this.configured = configured == null ? "" : configured.replaceAll("/+$", "");
    }

    void serverStarted(String address, int port) {
        String host = address.contains(":") ? "[" + address + "]" : address;
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        fromServer = "http://" + host + ":" + port;
    }

    public String get() {
        if (!configured.isEmpty()) {
            return configured;
        }
        if (fromServer == null) {
            throw new IllegalStateException("the web server has not started yet");
        }
        return fromServer;
    }
}
