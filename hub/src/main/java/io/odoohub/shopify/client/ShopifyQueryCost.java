package io.odoohub.shopify.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requested cost of a GraphQL Admin API document as Shopify documents it (shopify.dev, "GraphQL Admin API rate
 * limits", cost calculation): a scalar or enum field costs 0, an object 1 plus what is selected in it, a connection 2
 * plus {@code first} (or {@code last}) times the cost of one node (1 plus what is selected in it), so nested
 * connections multiply; an inline fragment counts as the most expensive of its alternatives; a mutation's root field
 * costs 10. Shopify refuses a single query over {@link #MAX_SINGLE_QUERY} points ({@code MAX_COST_EXCEEDED}) before it
 * runs, so the hub sizes its pages with {@link #largestFirst} and the fake Admin API refuses with this calculation.
 * <p>
 * Without the schema, the shape tells the kinds apart: a field with a selection set is an object, one whose selection
 * holds {@code nodes}, {@code edges} or {@code pageInfo} is a connection, one without is a scalar. Variables are read
 * from the request's variables.
 */
public final class ShopifyQueryCost {

    /** Shopify's limit on the requested cost of one query. */
    public static final int MAX_SINGLE_QUERY = 1000;
    /** Shopify's limit on {@code first}/{@code last} of a connection (and on an input array). */
    public static final int MAX_PAGE = 250;
    private static final int MUTATION = 10;

    private ShopifyQueryCost() {
    }

    /** One field of a selection: its name, arguments (variables resolved), selection (empty for a scalar). */
    public record Field(String name, Map<String, Object> arguments, List<Field> selection, List<List<Field>> fragments) {

        public boolean isObject() {
            return !selection.isEmpty() || !fragments.isEmpty();
        }

        /** A connection: its selection has nodes, edges or pageInfo. */
        public boolean isConnection() {
            return selection.stream().anyMatch(f -> f.name.equals("nodes") || f.name.equals("edges") || f.name.equals("pageInfo"));
        }

        /** The child of that name, or null. */
        public Field child(String childName) {
            return selection.stream().filter(f -> f.name.equals(childName)).findFirst().orElse(null);
        }

        /** {@code first}, else {@code last}, as an int; null when neither is given. */
        public Integer size() {
            Object n = arguments.containsKey("first") ? arguments.get("first") : arguments.get("last");
            return n instanceof Number number ? number.intValue() : null;
        }
    }

    /** A parsed operation: query or mutation, and its root selection. */
    public record Operation(boolean mutation, List<Field> selection) {
    }

    /** The requested cost of the document's first operation with these variables. */
    public static int requested(String document, Map<String, ?> variables) {
        Operation op = parse(document, variables);
        if (op.mutation()) {
            return MUTATION * op.selection().size();
        }
        return selectionCost(op.selection(), List.of());
    }

    /**
     * The largest value (1 to {@link #MAX_PAGE}) of the variable {@code variable} whose document costs at most
     * {@code limit}; 0 when even 1 costs more.
     */
    public static int largestFirst(String document, Map<String, ?> variables, String variable, int limit) {
        Map<String, Object> v = new LinkedHashMap<>(variables);
        int low = 0;
        int high = MAX_PAGE;
        while (low < high) {
            int mid = (low + high + 1) / 2;
            v.put(variable, mid);
            if (requested(document, v) <= limit) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private static int selectionCost(List<Field> selection, List<List<Field>> fragments) {
        int sum = 0;
        for (Field f : selection) {
            sum += fieldCost(f);
        }
        int most = 0;
        for (List<Field> fragment : fragments) {
            most = Math.max(most, selectionCost(fragment, List.of()));
        }
        return sum + most;
    }

    private static int fieldCost(Field f) {
        if (!f.isObject()) {
            return 0;
        }
        if (!f.isConnection()) {
            return 1 + selectionCost(f.selection(), f.fragments());
        }
        Integer n = f.size();
        if (n == null) {
            throw new IllegalArgumentException("you must provide one of first or last (connection " + f.name() + ")");
        }
        int node = 0;
        Field nodes = f.child("nodes");
        if (nodes != null) {
            node = Math.max(node, 1 + selectionCost(nodes.selection(), nodes.fragments()));
        }
        Field edges = f.child("edges");
        Field edgeNode = edges == null ? null : edges.child("node");
        if (edgeNode != null) {
            node = Math.max(node, 1 + selectionCost(edgeNode.selection(), edgeNode.fragments()));
        }
        return 2 + n * node;
    }

    // ------------------------------------------------------------------ parsing

    /** Parses the first operation of a document (variables resolved into the arguments). */
    public static Operation parse(String document, Map<String, ?> variables) {
        return new Parser(document, variables).operation();
    }

    private static final class Parser {
        private final String s;
        private final Map<String, ?> variables;
        private int i;

        Parser(String s, Map<String, ?> variables) {
            this.s = s;
            this.variables = variables == null ? Map.of() : variables;
        }

        Operation operation() {
            skip();
            boolean mutation = false;
            if (peek() != '{') {
                String kind = name();
                if (kind.equals("mutation")) {
                    mutation = true;
                } else if (!kind.equals("query")) {
                    throw error("an operation starts with query, mutation or '{', not " + kind);
                }
                skip();
                if (Character.isLetter(peek()) || peek() == '_') {
                    name();
                }
                skip();
                if (peek() == '(') {
                    balanced('(', ')'); // variable definitions: the values come with the request
                }
                directives();
            }
            Selection root = selectionSet();
            return new Operation(mutation, root.fields);
        }

        private record Selection(List<Field> fields, List<List<Field>> fragments) {
        }

        private Selection selectionSet() {
            expect('{');
            List<Field> fields = new ArrayList<>();
            List<List<Field>> fragments = new ArrayList<>();
            while (true) {
                skip();
                if (peek() == '}') {
                    i++;
                    return new Selection(fields, fragments);
                }
                if (s.startsWith("...", i)) {
                    i += 3;
                    skip();
                    String on = name();
                    if (!on.equals("on")) {
                        throw error("named fragments are not supported (..." + on + ")");
                    }
                    skip();
                    name();
                    directives();
                    Selection inner = selectionSet();
                    List<Field> fragment = new ArrayList<>(inner.fields);
                    fragments.add(fragment);
                    continue;
                }
                String name = name();
                skip();
                if (peek() == ':') { // alias
                    i++;
                    skip();
                    name = name();
                    skip();
                }
                Map<String, Object> args = new LinkedHashMap<>();
                if (peek() == '(') {
                    i++;
                    while (true) {
                        skip();
                        if (peek() == ')') {
                            i++;
                            break;
                        }
                        String arg = name();
                        skip();
                        expect(':');
                        args.put(arg, value());
                    }
                }
                directives();
                skip();
                Selection sub = peek() == '{' ? selectionSet() : new Selection(List.of(), List.of());
                fields.add(new Field(name, args, sub.fields, sub.fragments));
            }
        }

        private void directives() {
            skip();
            while (peek() == '@') {
                i++;
                name();
                skip();
                if (peek() == '(') {
                    balanced('(', ')');
                }
                skip();
            }
        }

        private Object value() {
            skip();
            char c = peek();
            if (c == '$') {
                i++;
                String v = name();
                return variables.get(v);
            }
            if (c == '"') {
                int start = ++i;
                while (i < s.length() && s.charAt(i) != '"') {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                return s.substring(start, Math.min(s.length(), i - 1));
            }
            if (c == '[') {
                balanced('[', ']');
                return null;
            }
            if (c == '{') {
                balanced('{', '}');
                return null;
            }
            if (c == '-' || Character.isDigit(c)) {
                int start = i++;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || ".eE+-".indexOf(s.charAt(i)) >= 0)) {
                    i++;
                }
                String n = s.substring(start, i);
                return n.matches("-?\\d+") ? (Object) Long.parseLong(n) : (Object) Double.parseDouble(n);
            }
            return name(); // enum, true, false, null
        }

        private void balanced(char open, char close) {
            int depth = 0;
            do {
                char c = s.charAt(i++);
                if (c == '"') {
                    while (i < s.length() && s.charAt(i) != '"') {
                        i += s.charAt(i) == '\\' ? 2 : 1;
                    }
                    i++;
                } else if (c == open) {
                    depth++;
                } else if (c == close) {
                    depth--;
                }
            } while (depth > 0 && i < s.length());
        }

        private String name() {
            skip();
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (start == i) {
                throw error("a name was expected");
            }
            return s.substring(start, i);
        }

        private void expect(char c) {
            skip();
            if (peek() != c) {
                throw error("'" + c + "' was expected");
            }
            i++;
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        /** Skips white space, commas and comments. */
        private void skip() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '#') {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (Character.isWhitespace(c) || c == ',') {
                    i++;
                } else {
                    return;
                }
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("GraphQL document, at " + i + ": " + what);
        }
    }
}
