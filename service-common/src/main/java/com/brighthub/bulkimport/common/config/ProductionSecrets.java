package com.brighthub.bulkimport.common.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses a production start without the secrets that only the local stack has defaults for: the
 * database password (every service with a database) and BrightHub's public key (every service that checks
 * tokens). The dev and test profiles have the local stack's values; the {@code prod} profile – the
 * packaged application – has none, so a deployment that forgets one stops at once with a one-line reason
 * instead of running with a password or a signing key committed to this repository. {@code ./bright up}
 * and the system tests set the local values explicitly.
 */
@ApplicationScoped
public class ProductionSecrets {

    /** A secret: the configuration key, the environment variable that sets it, and what it is. */
    record Secret(String key, String variable, String what, String neededWhen) {
    }

    static final List<Secret> SECRETS = List.of(
            new Secret("mp.jwt.verify.publickey.location", "BRIGHT_JWT_PUBLIC_KEY",
                    "BrightHub's public key for tokens (a PEM file, classpath resource or URL)", "mp.jwt.verify.issuer"),
            new Secret("quarkus.datasource.password", "BRIGHT_DB_PASSWORD", "the database password",
                    "quarkus.datasource.jdbc.url"));

    /** At the container's start, before the token and database extensions read their settings. */
    void check(@Observes @Initialized(ApplicationScoped.class) @Priority(1) Object event) {
        if (!ConfigUtils.isProfileActive("prod")) {
            return;
        }
        List<String> missing = missing(key -> ConfigProvider.getConfig().getOptionalValue(key, String.class));
        if (!missing.isEmpty()) {
            String reason = "refusing to start in production: " + String.join("; ", missing)
                    + " (the local stack's dev values are never production defaults)";
            Log.error(reason);
            throw new IllegalStateException(reason);
        }
    }

    /** The secrets this service needs and has no value for, each as "VARIABLE is not set: what it is". */
    static List<String> missing(Function<String, Optional<String>> config) {
        List<String> missing = new ArrayList<>();
        for (Secret s : SECRETS) {
            if (config.apply(s.neededWhen()).isPresent() && config.apply(s.key()).filter(v -> !v.isBlank()).isEmpty()) {
                missing.add(s.variable() + " is not set: " + s.what());
            }
        }
        return missing;
    }
}
