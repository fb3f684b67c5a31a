package com.brighthub.bulkimport.devtools;

import java.time.Duration;

/**
 * {@code ./bright token --account ACC --role ROLE [--user U] [--ttl-minutes N]}: prints a dev-signed JWT
 * ({@code --role Support} needs no account: Bright Support's tokens carry none).
 */
public final class TokenCli {

    private TokenCli() {
    }

    public static void main(String[] args) {
        String account = null;
        String role = null;
        String user = "dev-user";
        long ttlMinutes = 60;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--account" -> { account = value; i++; }
                case "--role" -> { role = value; i++; }
                case "--user" -> { user = value; i++; }
                case "--ttl-minutes" -> { ttlMinutes = Long.parseLong(value); i++; }
                default -> usage("unknown option " + args[i]);
            }
        }
        if (role == null || role.isBlank()) {
            usage("--role is required");
        }
        if ("Support".equals(role)) {
            account = null; // Bright Support carries no practice account
        } else if (account == null || account.isBlank()) {
            usage("--account is required (but for --role Support)");
        }
        System.out.println(DevTokens.token(account, role, user, Duration.ofMinutes(ttlMinutes)));
    }

    private static void usage(String problem) {
        System.err.println("bright token: " + problem);
        System.err.println("usage: ./bright token (--account ACC --role Owner|Admin|Staff | --role Support) [--user U] [--ttl-minutes N]");
        System.exit(2);
    }
}
