package com.brighthub.bulkimport.devtools;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;

/**
 * Signs BrightHub-shaped JWTs with the local stack's dev key: for {@code ./bright token}, the demo and
 * tests only. Production verifies BrightHub's own keys.
 */
public final class DevTokens {

    /** The issuer the local stack's services accept. */
    public static final String ISSUER = "https://brighthub.local/dev";

    /** The audience the local stack's services accept. */
    public static final String AUDIENCE = "bulk-import";

    private static final PrivateKey KEY = loadKey();

    private DevTokens() {
    }

    /** A token for {@code user} holding {@code role} in {@code accountId}, valid for {@code ttl}. */
    public static String token(String accountId, String role, String user, Duration ttl) {
        var claims = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(user)
                .upn(user)
                .groups(Set.of(role));
        if (accountId != null) {
            claims.claim("account_id", accountId);
        }
        return claims.expiresIn(ttl)
                .jws().keyId("dev")
                .sign(KEY);
    }

    /** A one-hour token for Bright Support's {@code user}: the Support role and no practice account. */
    public static String support(String user) {
        return token(null, "Support", user, Duration.ofHours(1));
    }

    /** A one-hour token. */
    public static String token(String accountId, String role, String user) {
        return token(accountId, role, user, Duration.ofHours(1));
    }

    /** The dev signing key (package use: forged-token tests). */
    static PrivateKey key() {
        return KEY;
    }

    private static PrivateKey loadKey() {
        try (InputStream in = DevTokens.class.getResourceAsStream("/dev-jwt/privateKey.pem")) {
            if (in == null) {
                throw new IllegalStateException("dev-jwt/privateKey.pem is not on the classpath");
            }
            return KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("dev private key is unreadable", e);
        }
    }
}
