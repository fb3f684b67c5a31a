package com.brighthub.bulkimport.common.config;

import com.brighthub.bulkimport.model.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Puts every topic name of {@link Topics} into the configuration as {@code bright.topic.<short name>}
 * ({@code bright.topic.client-records=bulkimport.client-records}), so a service's channels name their
 * topics as {@code ${bright.topic.client-records}} and the name itself lives in {@link Topics} alone.
 */
public class TopicNames implements ConfigSource {

    /** The configuration prefix of the topic names. */
    public static final String PREFIX = "bright.topic.";

    private final Map<String, String> properties = properties();

    static Map<String, String> properties() {
        Map<String, String> out = new HashMap<>();
        Topics.byShortName().forEach((shortName, name) -> out.put(PREFIX + shortName, name));
        return Map.copyOf(out);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "bright-topic-names";
    }

    /**
     * Above the properties files and the environment: the topics every service creates and checks at start
     * (TopicProvisioner) are these, so a channel may not be pointed at another by configuration.
     */
    @Override
    public int getOrdinal() {
        return 500;
    }
}
