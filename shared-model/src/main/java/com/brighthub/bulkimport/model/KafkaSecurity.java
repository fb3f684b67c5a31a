package com.brighthub.bulkimport.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How a Kafka client is told to connect securely (SASL_SSL with SCRAM, say): the environment variables and
 * the Kafka client settings they become. The services take them from {@code META-INF/microprofile-config.properties}
 * in service-common (the same table, as MicroProfile Config expressions, so that every channel gets them);
 * the dev tools and the system tests' own clients take them from here. Unset variables set nothing: a client
 * without them connects with PLAINTEXT, as before.
 *
 * <p>The credentials may be given as a username and a password instead of a whole JAAS line; the line is
 * built here ({@link #jaasConfig}). Nothing here logs or prints a value.
 */
public final class KafkaSecurity {

    public static final String BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String SECURITY_PROTOCOL = "KAFKA_SECURITY_PROTOCOL";
    public static final String SASL_MECHANISM = "KAFKA_SASL_MECHANISM";
    public static final String SASL_JAAS_CONFIG = "KAFKA_SASL_JAAS_CONFIG";
    public static final String SASL_USERNAME = "KAFKA_SASL_USERNAME";
    public static final String SASL_PASSWORD = "KAFKA_SASL_PASSWORD";
    public static final String TRUSTSTORE_LOCATION = "KAFKA_SSL_TRUSTSTORE_LOCATION";
    public static final String TRUSTSTORE_PASSWORD = "KAFKA_SSL_TRUSTSTORE_PASSWORD";
    public static final String TRUSTSTORE_TYPE = "KAFKA_SSL_TRUSTSTORE_TYPE";

    /** The mechanism credentials given as a username and password are for, unless one is set. */
    public static final String DEFAULT_MECHANISM = "SCRAM-SHA-512";

    /** Each variable and the Kafka client setting it sets (the username and password are not settings). */
    public static final Map<String, String> SETTINGS;

    static {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(SECURITY_PROTOCOL, "security.protocol");
        s.put(SASL_MECHANISM, "sasl.mechanism");
        s.put(SASL_JAAS_CONFIG, "sasl.jaas.config");
        s.put(TRUSTSTORE_LOCATION, "ssl.truststore.location");
        s.put(TRUSTSTORE_PASSWORD, "ssl.truststore.password");
        s.put(TRUSTSTORE_TYPE, "ssl.truststore.type");
        SETTINGS = java.util.Collections.unmodifiableMap(s);
    }

    private KafkaSecurity() {
    }

    /**
     * A client's connection settings from the environment: the brokers ({@code KAFKA_BOOTSTRAP_SERVERS},
     * localhost:9092 if unset) and the security settings, for clients made by hand.
     */
    public static Map<String, Object> clientConfig(Function<String, String> env) {
        Map<String, Object> config = new LinkedHashMap<>();
        String bootstrap = env.apply(BOOTSTRAP_SERVERS);
        config.put("bootstrap.servers", isBlank(bootstrap) ? "localhost:9092" : bootstrap);
        config.putAll(settings(env));
        return config;
    }

    /** The security settings the environment sets (only those set), with the JAAS line made from a username and password. */
    public static Map<String, Object> settings(Function<String, String> env) {
        Map<String, Object> settings = new LinkedHashMap<>();
        SETTINGS.forEach((variable, setting) -> {
            String value = env.apply(variable);
            if (!isBlank(value)) {
                settings.put(setting, value);
            }
        });
        addCredentials(settings, env.apply(SASL_USERNAME), env.apply(SASL_PASSWORD));
        return settings;
    }

    /**
     * Completes a client's settings with credentials given as a username and a password: the JAAS line for
     * the mechanism (SCRAM-SHA-512 when none is set). Nothing changes without a username, nor when a JAAS
     * line is set already (it wins).
     *
     * @throws IllegalArgumentException a username without a password, or a mechanism with no login module
     *         here (set {@code KAFKA_SASL_JAAS_CONFIG} for it)
     */
    public static void addCredentials(Map<String, Object> settings, String username, String password) {
        if (isBlank(username) || !isBlank(String.valueOf(settings.getOrDefault("sasl.jaas.config", "")))) {
            return;
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException(SASL_USERNAME + " is set without " + SASL_PASSWORD);
        }
        Object mechanism = settings.get("sasl.mechanism");
        if (mechanism == null || mechanism.toString().isBlank()) {
            mechanism = DEFAULT_MECHANISM;
            settings.put("sasl.mechanism", mechanism);
        }
        settings.put("sasl.jaas.config", jaasConfig(mechanism.toString(), username, password));
    }

    /** The JAAS line of a client logging in with a username and password by SCRAM or PLAIN. */
    public static String jaasConfig(String mechanism, String username, String password) {
        String module = switch (mechanism.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "SCRAM-SHA-256", "SCRAM-SHA-512" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
            case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
            default -> throw new IllegalArgumentException("no login module for SASL mechanism " + mechanism
                    + " from a username and password: set " + SASL_JAAS_CONFIG);
        };
        return module + " required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";";
    }

    /** A value inside the JAAS line's double quotes: backslashes and quotes escaped. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
