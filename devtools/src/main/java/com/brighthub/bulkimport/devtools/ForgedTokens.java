package com.brighthub.bulkimport.devtools;

import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tokens a service must refuse with 401, for the security tests: none may get in.
 */
public final class ForgedTokens {

    private ForgedTokens() {
    }

    /** A caller of the security tables: its token (null for none) and the status it must get, or null for "allowed". */
    public record Caller(String token, Integer denied) {
    }

    /**
     * Every kind of caller for an endpoint of {@code accountId}, in table order: no token and each forgery
     * (401), Staff and another account's Admin (403), then Owner and Admin (allowed).
     */
    public static Map<String, Caller> callers(String accountId) {
        Map<String, Caller> out = new LinkedHashMap<>();
        out.put("no token", new Caller(null, 401));
        all(accountId).forEach((name, token) -> out.put(name, new Caller(token, 401)));
        out.put("Staff", new Caller(DevTokens.token(accountId, "Staff", "sam"), 403));
        out.put("Admin without an account", new Caller(claims(accountId, c -> c.remove("account_id")), 403));
        out.put("other account's Admin", new Caller(DevTokens.token("OTHER-" + accountId, "Admin", "eve"), 403));
        out.put("Owner", new Caller(DevTokens.token(accountId, "Owner", "olga"), null));
        out.put("Admin", new Caller(DevTokens.token(accountId, "Admin", "alice"), null));
        return out;
    }

    /** Each kind of bad token for an Admin of {@code accountId}, by name. */
    public static Map<String, String> all(String accountId) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("malformed", "not.a.jwt");
        out.put("garbage", "eyJhbGciOiJSUzI1NiJ9.%%%.###");
        out.put("expired", Jwt.issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE).subject("u").groups(Set.of("Admin"))
                .claim("account_id", accountId).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).jws().keyId("dev").sign(devKey()));
        out.put("wrong issuer", Jwt.issuer("https://evil.example").audience(DevTokens.AUDIENCE).subject("u")
                .groups(Set.of("Admin")).claim("account_id", accountId).expiresIn(3600).jws().keyId("dev").sign(devKey()));
        out.put("wrong audience", Jwt.issuer(DevTokens.ISSUER).audience("another-service").subject("u")
                .groups(Set.of("Admin")).claim("account_id", accountId).expiresIn(3600).jws().keyId("dev").sign(devKey()));
        out.put("wrong signature", Jwt.issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE).subject("u")
                .groups(Set.of("Admin")).claim("account_id", accountId).expiresIn(3600).jws().keyId("dev").sign(otherKey()));
        out.put("alg none", unsigned(accountId));
        long now = Instant.now().getEpochSecond();
        out.put("no audience", claims(accountId, c -> c.remove("aud")));
        out.put("no issue time", claims(accountId, c -> c.remove("iat")));
        out.put("issued in the future", claims(accountId, c -> c.put("iat", now + 600)));
        out.put("not valid yet", claims(accountId, c -> c.put("nbf", now + 600)));
        out.put("lives over 24 h", claims(accountId, c -> c.put("exp", now + 25 * 3600)));
        out.put("no subject", claims(accountId, c -> c.remove("sub")));
        out.put("groups a string", claims(accountId, c -> c.put("groups", "Admin")));
        out.put("account_id a number", claims(accountId, c -> c.put("account_id", 42)));
        out.put("account_id a list", claims(accountId, c -> c.putArray("account_id").add(accountId)));
        out.put("Support with a practice account", claims(accountId, c -> c.putArray("groups").add("Support")));
        return out;
    }

    /**
     * A token signed with the dev key whose claims – an Admin of {@code accountId}, issued now for an
     * hour – are then changed by {@code change}: signed by hand, since a token builder adds or coerces
     * the very claims under test.
     */
    public static String claims(String accountId, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        long now = Instant.now().getEpochSecond();
        json.put("iss", DevTokens.ISSUER).put("aud", DevTokens.AUDIENCE).put("sub", "mallory")
                .put("account_id", accountId).put("iat", now).put("exp", now + 3600);
        json.putArray("groups").add("Admin");
        change.accept(json);
        org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
        jws.setPayload(json.toString());
        jws.setKey(devKey());
        jws.setKeyIdHeaderValue("dev");
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(org.jose4j.jws.AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey devKey() {
        return DevTokens.key();
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(String accountId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + DevTokens.ISSUER + "\",\"aud\":\"" + DevTokens.AUDIENCE
                + "\",\"sub\":\"u\",\"groups\":[\"Admin\"],\"account_id\":\"" + accountId + "\",\"exp\":"
                + (Instant.now().getEpochSecond() + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }
}
