package com.brighthub.bulkimport.report.ui;

import com.brighthub.bulkimport.common.ui.UiLinks;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a client file opens in BrightManager, from the template {@code bright.ui.brightmanager-client-url}
 * with {@code {accountId}} and {@code {clientId}} in it (each URL-encoded). No template, or one that is not
 * an http(s) address, means no link: the report still names the client.
 */
@ApplicationScoped
public class BrightManagerLinks {

    @ConfigProperty(name = "bright.ui.brightmanager-client-url")
    Optional<String> template;

    /** The client's page in BrightManager, or null where there is none. */
    public String client(String accountId, String clientId) {
        return link(template, accountId, clientId);
    }

    static String link(Optional<String> template, String accountId, String clientId) {
        if (template.isEmpty() || clientId == null || !(template.get().startsWith("https://")
                || template.get().startsWith("http://"))) {
            return null;
        }
        return template.get().replace("{accountId}", UiLinks.encode(accountId)).replace("{clientId}", UiLinks.encode(clientId));
    }

    void warn(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent started) {
        template.filter(t -> !(t.startsWith("https://") || t.startsWith("http://")))
                .ifPresent(t -> Log.warn("bright.ui.brightmanager-client-url is not an http(s) address: no links"));
    }
}
