package com.brighthub.bulkimport.common.ui;

import io.quarkus.logging.Log;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The local stack's sign-in: pick an account, a role and a user, and get a session signed with the dev
 * key. On only where {@code BRIGHT_DEV_SIGNIN_KEY} names the dev private key, and a service that verifies
 * tokens with any key but the dev one refuses to start with it set – so a deployment trusting BrightHub's
 * real key can never mint its own sessions.
 */
@ApplicationScoped
public class DevSignIn {

    /** Where the local stack's public key is, the one key the dev sign-in may sign for. */
    static final String DEV_PUBLIC_KEY = "dev-jwt/publicKey.pem";

    @ConfigProperty(name = "bright.ui.dev-sign-in-key")
    Optional<String> keyLocation;

    @ConfigProperty(name = "mp.jwt.verify.publickey.location", defaultValue = "")
    String publicKey;

    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "")
    String issuer;

    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "bulk-import")
    String audience;

    private PrivateKey key;

    void check(@Observes @Initialized(ApplicationScoped.class) @Priority(2) Object started) {
        Optional<String> problem = problem(keyLocation, publicKey);
        if (problem.isPresent()) {
            Log.error(problem.get());
            throw new IllegalStateException(problem.get());
        }
        if (keyLocation.isPresent()) {
            key = load(keyLocation.get());
            Log.warn("the dev sign-in is on (BRIGHT_DEV_SIGNIN_KEY): for the local stack only");
        }
    }

    /** Why the dev sign-in may not be on with this public key, if it may not. */
    public static Optional<String> problem(Optional<String> signInKey, String publicKey) {
        if (signInKey.isPresent() && !DEV_PUBLIC_KEY.equals(publicKey)) {
            return Optional.of("refusing to start: BRIGHT_DEV_SIGNIN_KEY is set, but tokens are verified with "
                    + publicKey + ", not the local stack's " + DEV_PUBLIC_KEY
                    + " (the dev sign-in is for the local stack only)");
        }
        return Optional.empty();
    }

    /** True where the dev sign-in is on. */
    public boolean enabled() {
        return key != null;
    }

    /** A session token for {@code user} in {@code role} of {@code accountId} (none for Support). */
    public String token(String accountId, String role, String user, Duration ttl) {
        var claims = Jwt.issuer(issuer).audience(audience.split(",")[0].trim()).subject(user).upn(user)
                .groups(Set.of(role));
        if (accountId != null) {
            claims.claim("account_id", accountId);
        }
        return claims.expiresIn(ttl).jws().keyId("dev").sign(key);
    }

    private static PrivateKey load(String location) {
        try {
            Path file = Path.of(location);
            String pem;
            if (Files.isRegularFile(file)) {
                pem = Files.readString(file);
            } else {
                try (InputStream in = DevSignIn.class.getClassLoader().getResourceAsStream(location)) {
                    if (in == null) {
                        throw new IllegalStateException("BRIGHT_DEV_SIGNIN_KEY: no file or resource " + location);
                    }
                    pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            return KeyUtils.decodePrivateKey(pem);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("BRIGHT_DEV_SIGNIN_KEY: cannot read a private key from " + location, e);
        }
    }
}
