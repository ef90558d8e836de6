package cudaenv.render;

/** Escapes text for HTML element content and quoted attribute values, after making control characters visible. */
public final class HtmlEscaper {
    private HtmlEscaper() {
    }

    public static String escape(String text) {
        String printable = ControlChars.escape(text);
        StringBuilder out = new StringBuilder(printable.length() + 16);
        for (int i = 0; i < printable.length(); i++) {
            char c = printable.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escapes each line of preformatted text, keeping its line breaks. */
    public static String escapeLines(String text) {
        return String.join("\n", text.lines().map(HtmlEscaper::escape).toList());
    }
}
