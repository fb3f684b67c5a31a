package com.brighthub.bulkimport.devtools;

import java.time.Duration;

/**
 * {@code ./bright token --account ACC --role ROLE [--user U] [--ttl-minutes N]}: prints a dev-signed JWT.
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
        if (account == null || account.isBlank() || role == null || role.isBlank()) {
            usage("--account and --role are required");
        }
        System.out.println(DevTokens.token(account, role, user, Duration.ofMinutes(ttlMinutes)));
    }

    private static void usage(String problem) {
        System.err.println("bright token: " + problem);
        System.err.println("usage: ./bright token --account ACC --role Owner|Admin|Staff [--user U] [--ttl-minutes N]");
        System.exit(2);
    }
}
