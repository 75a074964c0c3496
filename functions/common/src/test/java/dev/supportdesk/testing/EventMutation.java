package dev.supportdesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One change to a valid event, as a hostile or broken sender would make it: a field dropped, given
 * another type or an oversized value, an unknown field added; or, on the serialized bytes, the JSON
 * cut short or its text made invalid UTF-8. {@code target} and {@code variant} pick the node and the
 * replacement modulo what exists, so every generated mutation applies to every event.
 */
public record EventMutation(Kind kind, int target, int variant) {

    public enum Kind { DROP, RETYPE, OVERSIZE, ADD_FIELD, TRUNCATE, BAD_UTF8 }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a field can become: other types, edge numbers, hostile strings. */
    static final List<JsonNode> REPLACEMENTS = List.of(
            NODES.nullNode(), NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(Long.MIN_VALUE),
            NODES.numberNode(new BigInteger("123456789012345678901234567890")), NODES.numberNode(1e308),
            NODES.numberNode(0.5), NODES.booleanNode(true), NODES.textNode(""), NODES.textNode(" "),
            NODES.textNode("%zz%"), NODES.textNode("../../etc/passwd"), NODES.textNode("\u0000\u0001"),
            NODES.textNode("\uD800"), NODES.textNode("2.0"), NODES.textNode("1.0"), NODES.textNode("-5"),
            NODES.textNode("[a b]"), NODES.textNode("not-base64!"), NODES.textNode("https://"),
            NODES.textNode("https://acct.blob.core.windows.net/"), NODES.arrayNode(),
            NODES.arrayNode().add(1).add("x").addNull(), NODES.objectNode(),
            NODES.objectNode().put("x", 1));

    public byte[] apply(byte[] eventJson, JsonNode parsed) {
        return switch (kind) {
            case TRUNCATE -> Arrays.copyOf(eventJson, Math.floorMod(variant, Math.max(1, eventJson.length)));
            case BAD_UTF8 -> withInvalidUtf8(eventJson);
            default -> bytes(applyToTree(parsed.deepCopy()));
        };
    }

    private JsonNode applyToTree(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return root;
        }
        Slot slot = slots.get(Math.floorMod(target, slots.size()));
        switch (kind) {
            case DROP -> slot.remove();
            case RETYPE -> slot.replace(REPLACEMENTS.get(Math.floorMod(variant, REPLACEMENTS.size())));
            case OVERSIZE -> slot.replace(oversized(slot.value()));
            case ADD_FIELD -> addField(slot.value().isContainerNode() ? slot.value() : slot.parent());
            default -> throw new IllegalStateException(kind.name());
        }
        return root;
    }

    /** Thousands of copies of an array's first element, else a string of up to a megabyte. */
    private JsonNode oversized(JsonNode value) {
        if (value.isArray() && !value.isEmpty() && value.get(0).toString().length() < 1_000) {
            ArrayNode many = NODES.arrayNode();
            for (int i = 0; i < 2_000; i++) {
                many.add(value.get(0).deepCopy());
            }
            return many;
        }
        int[] lengths = {300, 70_000, 1_100_000};
        return NODES.textNode(value.asText("").concat("x".repeat(lengths[Math.floorMod(variant, lengths.length)])));
    }

    private void addField(JsonNode container) {
        if (container instanceof ObjectNode object) {
            object.set("unexpected" + Math.floorMod(variant, 7), REPLACEMENTS.get(Math.floorMod(variant, REPLACEMENTS.size())));
        } else if (container instanceof ArrayNode array) {
            array.add(REPLACEMENTS.get(Math.floorMod(variant, REPLACEMENTS.size())));
        }
    }

    private byte[] withInvalidUtf8(byte[] json) {
        byte[] broken = json.clone();
        int at = Math.floorMod(target, Math.max(1, broken.length));
        if (broken.length > 0) {
            broken[at] = (byte) (Math.floorMod(variant, 2) == 0 ? 0xFF : 0xC3);
        }
        return broken;
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                slots.add(new Slot(object, field.getKey(), -1));
                collect(field.getValue(), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots);
            }
        }
    }

    /** A place in the tree: a field of an object or an element of an array. */
    private record Slot(ContainerNode<?> parent, String field, int index) {

        JsonNode value() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void remove() {
            if (parent instanceof ObjectNode object) {
                object.remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }

        void replace(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }
}
