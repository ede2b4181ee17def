package io.herald.config.embedded;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One SMTP connection of the {@link LocalMailSink}: the server side of RFC 5321's mail transaction, with the
 * extensions its {@code EHLO} names (8BITMIME, SMTPUTF8, PIPELINING, ENHANCEDSTATUSCODES, SIZE), for a sink that
 * takes every message for any recipient. Without TLS and authentication: it listens on the loopback address only.
 *
 * <p>A transaction is {@code MAIL FROM}, one or more {@code RCPT TO}, then {@code DATA}; out of that order a command
 * is answered 503 and the session goes on, as is a command it does not know (500) or does not offer (502). The
 * message's text ends with a line of a single dot; a line that starts with a dot loses that dot (RFC 5321, 4.5.2),
 * and each line is kept with CRLF. The kept message starts with the {@code Return-Path} and {@code Received} lines
 * the final delivery adds (4.4). One larger than {@link LocalMailSink#MAX_MESSAGE_BYTES} is read to its end and
 * refused with 552, and the connection stays usable. An idle connection is closed after five minutes (4.5.3.2).
 */
final class LocalSmtpSession {

    private static final String HOST = "herald.local";
    private static final int IDLE_TIMEOUT_MS = 5 * 60 * 1000;
    /** The longest command line it reads (RFC 5321 says 512 octets; longer parameters are tolerated up to this). */
    private static final int MAX_COMMAND_BYTES = 4096;
    private static final int MAX_RECIPIENTS = 1000;
    private static final AtomicLong IDS = new AtomicLong();

    private final String client;
    private final InputStream in;
    private final OutputStream out;
    private final Consumer<byte[]> store;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;

    private String helo;
    private String reversePath;
    private int recipients;

    LocalSmtpSession(Socket socket, Consumer<byte[]> store) throws IOException {
        this.client = socket.getInetAddress().getHostAddress();
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.store = store;
        socket.setSoTimeout(IDLE_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
    }

    /** Answers a connection beyond the sink's limit, and closes it. */
    static void refuse(Socket socket) {
        try (socket) {
            socket.getOutputStream().write("421 4.3.2 Too many connections, try again later\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
            // the client is gone already
        }
    }

    /** Serves the connection until the client quits, closes it, or stays idle too long. */
    void run() throws IOException {
        reply("220 " + HOST + " Herald local mail sink ready");
        try {
            while (readLine(MAX_COMMAND_BYTES)) {
                if (lineLength > MAX_COMMAND_BYTES) {
                    reply("500 5.5.6 Command line too long");
                } else if (!command(new String(line, 0, lineLength, StandardCharsets.UTF_8))) {
                    return;
                }
            }
        } catch (SocketTimeoutException idle) {
            reply("421 4.4.2 " + HOST + " closing an idle connection");
        }
    }

    /** Answers one command; false once the session is over. */
    private boolean command(String text) throws IOException {
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1).strip();
        switch (verb) {
            case "EHLO", "HELO" -> greet(verb, argument);
            case "MAIL" -> mail(argument);
            case "RCPT" -> recipient(argument);
            case "DATA" -> data(argument);
            case "RSET" -> {
                reset();
                reply("250 2.0.0 OK");
            }
            case "NOOP" -> reply("250 2.0.0 OK");
            case "VRFY" -> reply("252 2.5.0 Cannot verify the address, but will take mail for it");
            case "HELP" -> reply("214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA RSET NOOP VRFY QUIT");
            case "QUIT" -> {
                reply("221 2.0.0 " + HOST + " closing the connection");
                return false;
            }
            case "STARTTLS", "AUTH", "EXPN", "BDAT", "ETRN", "TURN" -> reply("502 5.5.1 Not offered here");
            default -> reply("500 5.5.2 Command not recognized");
        }
        return true;
    }

    private void greet(String verb, String domain) throws IOException {
        if (domain.isEmpty()) {
            reply("501 5.5.4 " + verb + " needs the client's domain");
            return;
        }
        helo = domain.replaceAll("\\p{Cntrl}", "?"); // it goes into the kept message's trace line
        reset();
        if (verb.equals("HELO")) {
            reply("250 " + HOST);
            return;
        }
        reply("250-" + HOST + " greets " + helo + "\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-PIPELINING\r\n"
                + "250-ENHANCEDSTATUSCODES\r\n250 SIZE " + LocalMailSink.MAX_MESSAGE_BYTES);
    }

    private void mail(String argument) throws IOException {
        if (helo == null) {
            reply("503 5.5.1 Send EHLO or HELO first");
        } else if (reversePath != null) {
            reply("503 5.5.1 A transaction is under way; RSET first");
        } else {
            String[] path = path(argument, "FROM:");
            if (path == null) {
                reply("501 5.5.4 Syntax: MAIL FROM:<address>");
            } else if (declaredSize(path[1]) > LocalMailSink.MAX_MESSAGE_BYTES) {
                reply("552 5.3.4 The message is larger than " + LocalMailSink.MAX_MESSAGE_BYTES + " bytes");
            } else {
                reversePath = path[0];
                reply("250 2.1.0 OK");
            }
        }
    }

    private void recipient(String argument) throws IOException {
        String[] path = path(argument, "TO:");
        if (reversePath == null) {
            reply("503 5.5.1 MAIL first");
        } else if (path == null || path[0].isEmpty()) {
            reply("501 5.5.4 Syntax: RCPT TO:<address>");
        } else if (recipients >= MAX_RECIPIENTS) {
            reply("452 4.5.3 Too many recipients");
        } else {
            recipients++;
            reply("250 2.1.5 OK");
        }
    }

    private void data(String argument) throws IOException {
        if (!argument.isEmpty()) {
            reply("501 5.5.4 DATA takes no argument");
            return;
        }
        if (reversePath == null) {
            reply("503 5.5.1 MAIL first");
            return;
        }
        if (recipients == 0) {
            reply("503 5.5.1 RCPT first");
            return;
        }
        reply("354 End the message with a line of a single dot");
        long id = IDS.incrementAndGet();
        ByteArrayOutputStream message = new ByteArrayOutputStream(8192);
        message.writeBytes(trace(id));
        boolean tooLarge = false;
        while (true) {
            if (!readLine(LocalMailSink.MAX_MESSAGE_BYTES)) {
                throw new IOException("The client closed the connection inside DATA");
            }
            if (lineLength == 1 && line[0] == '.') {
                break;
            }
            if (tooLarge) {
                continue;
            }
            int from = lineLength > 0 && line[0] == '.' ? 1 : 0;
            message.write(line, from, lineLength - from);
            message.write('\r');
            message.write('\n');
            tooLarge = message.size() > LocalMailSink.MAX_MESSAGE_BYTES;
        }
        reset();
        if (tooLarge) {
            reply("552 5.3.4 The message is larger than " + LocalMailSink.MAX_MESSAGE_BYTES + " bytes");
            return;
        }
        store.accept(message.toByteArray());
        reply("250 2.0.0 OK: kept as " + id);
    }

    /** The lines the final delivery puts on top of a message: its return path and its trace. */
    private byte[] trace(long id) {
        return ("Return-Path: <" + reversePath + ">\r\n"
                + "Received: from " + helo + " ([" + client + "])\r\n"
                + "\tby " + HOST + " (Herald local mail sink) with ESMTP id " + id + ";\r\n"
                + "\t" + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private void reset() {
        reversePath = null;
        recipients = 0;
    }

    /**
     * The address between angle brackets after {@code keyword} (case-insensitive, spaces allowed after it), and the
     * parameters after the path; null when the argument is not of that form.
     */
    private static String[] path(String argument, String keyword) {
        if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
            return null;
        }
        String rest = argument.substring(keyword.length()).stripLeading();
        int close = rest.indexOf('>');
        if (!rest.startsWith("<") || close < 0) {
            return null;
        }
        return new String[] {rest.substring(1, close), rest.substring(close + 1).strip()};
    }

    /** The {@code SIZE=} a MAIL command declares among its parameters, or 0. */
    private static long declaredSize(String parameters) {
        for (String parameter : parameters.split(" ")) {
            if (parameter.regionMatches(true, 0, "SIZE=", 0, 5)) {
                try {
                    return Long.parseLong(parameter.substring(5));
                } catch (NumberFormatException malformed) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /**
     * Reads the next line into {@link #line} without its CRLF (or bare LF); false at the end of the stream. Of a line
     * longer than {@code max}, only the first {@code max + 2} bytes are kept (so that its length, a CR taken off, is
     * still over {@code max}), and the rest is read and dropped.
     */
    private boolean readLine(int max) throws IOException {
        lineLength = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit < 0) {
                    limit = 0;
                    return lineLength > 0;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            boolean ended = position < limit;
            append(start, position, max);
            if (ended) {
                position++;
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return true;
            }
        }
    }

    private void append(int from, int to, int max) {
        int length = (int) Math.min(to - from, Math.max(0L, (long) max + 2 - lineLength));
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(buffer, from, line, lineLength, length);
        lineLength += length;
    }

    private void reply(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
        out.flush();
    }
}
