package dev.agentkit.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML value with where it stands: its key path ({@code agents.roy.schedule}) and line, read
 * with Jackson's YAML parser token by token so every error can name the line (Jackson's
 * {@link JsonLocation}) and the key. A map, a list, a scalar or null. Read by {@link TeamFile}.
 */
final class YamlNode {
    enum Type { MAP, LIST, SCALAR, NULL }

    private final Path file;
    private final String path;
    private final int line;
    private final Type type;
    private final Map<String, YamlNode> map;
    private final List<YamlNode> list;
    private final String scalar;

    private YamlNode(Path file, String path, int line, Type type, Map<String, YamlNode> map, List<YamlNode> list,
                     String scalar) {
        this.file = file;
        this.path = path;
        this.line = line;
        this.type = type;
        this.map = map;
        this.list = list;
        this.scalar = scalar;
    }

    /** Reads {@code file}; a syntax error or a repeated key names its line. */
    static YamlNode read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser p = new YAMLFactory().createParser(reader)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new YamlNode(file, "", 1, Type.MAP, Map.of(), List.of(), null);
            }
            return value(file, p, "");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new TeamFileException(file, at == null ? 1 : Math.max(1, at.getLineNr()), "",
                    "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new TeamFileException(file, 1, "", "cannot read it: " + e.getMessage());
        }
    }

    private static YamlNode value(Path file, JsonParser p, String path) throws IOException {
        int line = Math.max(1, p.currentTokenLocation().getLineNr());
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = Math.max(1, p.currentTokenLocation().getLineNr());
                String childPath = path.isEmpty() ? key : path + "." + key;
                p.nextToken();
                if (entries.containsKey(key)) {
                    throw new TeamFileException(file, keyLine, childPath, "appears twice; the first is at line "
                            + entries.get(key).line);
                }
                entries.put(key, value(file, p, childPath).at(keyLine));
            }
            return new YamlNode(file, path, line, Type.MAP, Collections.unmodifiableMap(entries), List.of(), null);
        }
        if (t == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(value(file, p, path + "[" + items.size() + "]"));
            }
            return new YamlNode(file, path, line, Type.LIST, Map.of(), List.copyOf(items), null);
        }
        if (t == JsonToken.VALUE_NULL) {
            return new YamlNode(file, path, line, Type.NULL, Map.of(), List.of(), null);
        }
        return new YamlNode(file, path, line, Type.SCALAR, Map.of(), List.of(), p.getText());
    }

    private YamlNode at(int keyLine) {
        return new YamlNode(file, path, keyLine, type, map, list, scalar);
    }

    Path file() {
        return file;
    }

    String path() {
        return path;
    }

    int line() {
        return line;
    }

    Type type() {
        return type;
    }

    /** The entries of a map, in file order; a null value counts as an empty map. */
    Map<String, YamlNode> entries() {
        if (type == Type.NULL) {
            return Map.of();
        }
        if (type != Type.MAP) {
            throw fail("expected a map of keys");
        }
        return map;
    }

    /** The items of a list; a scalar is a list of one, null an empty list. */
    List<YamlNode> items() {
        return switch (type) {
            case LIST -> list;
            case SCALAR -> List.of(this);
            case NULL -> List.of();
            case MAP -> throw fail("expected a list");
        };
    }

    /** The text of a scalar. */
    String text() {
        if (type != Type.SCALAR) {
            throw fail("expected a single value, found a " + type.name().toLowerCase(java.util.Locale.ROOT));
        }
        return scalar;
    }

    /** The entry {@code key} of this map, if present and not null. */
    Optional<YamlNode> get(String key) {
        return Optional.ofNullable(entries().get(key)).filter(n -> n.type != Type.NULL);
    }

    /** The entry {@code key}, which must be present. */
    YamlNode require(String key) {
        return get(key).orElseThrow(() -> new TeamFileException(file, line, path.isEmpty() ? key : path + "." + key,
                "is required"));
    }

    /** Fails on a key this map does not take, naming the ones it does. */
    YamlNode allowOnly(String... keys) {
        List<String> known = List.of(keys);
        for (Map.Entry<String, YamlNode> e : entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                throw e.getValue().fail("unknown key; " + (path.isEmpty() ? "the file" : path) + " takes "
                        + String.join(", ", known));
            }
        }
        return this;
    }

    /** An error at this node. */
    TeamFileException fail(String problem) {
        return new TeamFileException(file, line, path, problem);
    }
}
