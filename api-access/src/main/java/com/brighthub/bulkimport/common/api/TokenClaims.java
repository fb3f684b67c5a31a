package com.brighthub.bulkimport.common.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The claims of a BrightHub token beyond its signature, issuer, audience value and expiry (which
 * SmallRye JWT checks): their presence and their JSON types, which a library that coerces types would let
 * through. Applied to the token's own payload after the signature was verified. A token fails when:
 * {@code sub} is missing or blank; {@code aud} is missing; {@code iat} is missing, not a number or in the
 * future; {@code nbf} is in the future; {@code exp} is missing or {@code exp − iat} exceeds the maximum
 * lifetime; {@code groups} is not an array of strings; {@code account_id} is present but not a string; or
 * a {@code Support} token carries an {@code account_id} (Bright's staff belong to no practice).
 */
public final class TokenClaims {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenClaims() {
    }

    /** Why the token's claims are not acceptable at {@code now}, or empty when they are. */
    public static Optional<String> problem(String rawToken, Instant now, Duration maxLifetime, Duration skew) {
        JsonNode claims;
        try {
            String[] parts = rawToken.split("\\.");
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (RuntimeException | java.io.IOException e) {
            return Optional.of("the token's claims cannot be read");
        }
        if (claims == null || !claims.isObject()) {
            return Optional.of("the token's claims cannot be read");
        }
        JsonNode sub = claims.get("sub");
        if (sub == null || !sub.isTextual() || sub.asText().isBlank()) {
            return Optional.of("the token has no subject (sub)");
        }
        JsonNode aud = claims.get("aud");
        if (aud == null || !(aud.isTextual() || (aud.isArray() && !aud.isEmpty()))) {
            return Optional.of("the token has no audience (aud)");
        }
        JsonNode iat = claims.get("iat");
        if (iat == null || !iat.isNumber()) {
            return Optional.of("the token has no issue time (iat)");
        }
        long latest = now.plus(skew).getEpochSecond();
        if (iat.asLong() > latest) {
            return Optional.of("the token is issued in the future (iat)");
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isNumber() || nbf.asLong() > latest)) {
            return Optional.of("the token is not valid yet (nbf)");
        }
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber()) {
            return Optional.of("the token has no expiry (exp)");
        }
        if (exp.asLong() - iat.asLong() > maxLifetime.toSeconds()) {
            return Optional.of("the token lives longer than " + maxLifetime.toHours() + " h (exp - iat)");
        }
        JsonNode groups = claims.get("groups");
        if (groups == null || !groups.isArray()) {
            return Optional.of("the token's groups are not a list");
        }
        boolean support = false;
        for (JsonNode g : groups) {
            if (!g.isTextual()) {
                return Optional.of("the token's groups are not a list of names");
            }
            support |= AccountAccess.SUPPORT.equals(g.asText());
        }
        JsonNode account = claims.get("account_id");
        if (account != null && !account.isNull()) {
            if (!account.isTextual()) {
                return Optional.of("the token's account_id is not a string");
            }
            if (support) {
                return Optional.of("a Support token carries no practice account (account_id)");
            }
        }
        return Optional.empty();
    }
}
