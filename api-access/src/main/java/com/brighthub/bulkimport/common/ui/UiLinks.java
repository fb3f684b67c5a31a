package com.brighthub.bulkimport.common.ui;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the pages of the other service are: import-api serves the Integration, pre-flight, progress,
 * history, audit and Support pages, report-service the report. Empty means "this origin" (one gateway in
 * front of both); the local stack gives each its own port.
 */
@ApplicationScoped
public class UiLinks {

    @ConfigProperty(name = "bright.ui.import-api-url")
    java.util.Optional<String> importApi;

    @ConfigProperty(name = "bright.ui.report-url")
    java.util.Optional<String> report;

    /** A page of import-api. */
    public String importApi(String path) {
        return importApi.orElse("") + path;
    }

    /** Where report-service's pages are: empty for this origin. */
    public String reportBase() {
        return report.orElse("");
    }

    /** The report page of an import, on report-service. */
    public String report(String accountId, String importId) {
        return reportBase() + "/ui/accounts/" + encode(accountId) + "/imports/" + encode(importId) + "/report";
    }

    /** A path segment, encoded. */
    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
